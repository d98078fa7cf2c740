/** Errors of the original expression language. */

/** An expression that does not parse or cannot be evaluated; the message says why. */
export class OriginalExpressionError extends Error {
  override readonly name: string = 'OriginalExpressionError';
}

/** The expression does not parse (bad character, unbalanced parenthesis, dangling operator). */
export class OriginalSyntaxError extends OriginalExpressionError {
  override readonly name = 'OriginalSyntaxError';
  constructor(
    message: string,
    /** 0-based offset in the expression. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * A reference did not resolve (unknown variable, missing field, index out of range). In a
 * boolean comparison the original treated this as "false", not as an error.
 */
export class OriginalReferenceError extends OriginalExpressionError {
  override readonly name = 'OriginalReferenceError';
}
