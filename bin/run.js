#!/usr/bin/env node
// Launches the oclif CLI and nothing else: all logic lives in dist/ (built from src/).
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
