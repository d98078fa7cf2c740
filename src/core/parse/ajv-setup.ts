/**
 * The one ajv configuration of thaiyyal, shared by the run-time compiler
 * (`schema-compile.ts`) and the build-time standalone code generator
 * (`scripts/build-validators.js`), so precompiled validators behave exactly like
 * compiled ones. Pure: takes the ajv instance and the formats plugin as parameters.
 */
import type { Ajv2020, Options } from 'ajv/dist/2020.js';

/** Annotation keyword carrying the message shown when a value fails its schema (e.g. a bad duration). */
export const ERROR_KEYWORD = 'x-error';

/** Options of every thaiyyal ajv instance (the build script adds `code: { source: true }`). */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  logger: false,
} as const satisfies Options;

/** Registers thaiyyal's formats, keyword and annotation vocabulary on an ajv instance. */
export function configureAjv(ajv: Ajv2020, addFormats: (ajv: Ajv2020) => unknown): Ajv2020 {
  addFormats(ajv);
  ajv.addKeyword({ keyword: ERROR_KEYWORD, schemaType: 'string' });
  ajv.addVocabulary(['markdownDescription', 'deprecationMessage']);
  return ajv;
}
