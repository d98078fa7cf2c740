/**
 * Run-time schema compilation with ajv (draft 2020-12): the only ajv value import in
 * src/core. The CLI bundle replaces this module with the validators precompiled at build
 * time (`dist/core/parse/schema-compile.precompiled.js`, written by
 * scripts/build-validators.js from the same schema objects), so a CLI run does not load
 * ajv or generate code; tests, the in-process benchmarks and library users compile here.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { AJV_OPTIONS, configureAjv } from './ajv-setup.js';

let shared: Ajv2020 | undefined;

/** The one ajv instance of the process (created lazily: ajv costs time to set up). */
export function getAjv(): Ajv2020 {
  shared ??= configureAjv(new Ajv2020({ ...AJV_OPTIONS }), (ajv) => addFormatsModule.default(ajv));
  return shared;
}

/** Compiles a schema (throws ajv's error when it does not compile). */
export function compileValidator(schema: object): ValidateFunction {
  return getAjv().compile(schema);
}
