// What a comment may be, in numbers: shared by the server's checks and the comment form's attributes.

export const COMMENT_LIMITS = {
  nicknameMax: 20,
  bodyMax: 1000,
  passwordMin: 4,
  passwordMax: 64,
  /**
   * Combining marks one character may carry. Korean needs none after NFC (Hangul composes), Vietnamese and
   * IPA stack two; a pile of hundreds is how one comment paints over a page ("Zalgo" text).
   */
  marksPerCharacter: 3,
} as const;

export type CommentLimits = typeof COMMENT_LIMITS;
