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
  /**
   * Code points one character (grapheme) may join. A grapheme has no length limit in Unicode: thousands of
   * conjoining jamo or a chain of ZWJ emoji count as one character, pass the limits above, and cannot wrap
   * (one made every page 45,000 px wide on a phone). The longest real emoji, a couple with two skin tones,
   * is 10; old Hangul syllables in jamo are 3 to 6.
   */
  codePointsPerCharacter: 10,
  /** Code points and UTF-8 bytes the whole text may hold, whatever its characters. */
  nicknameMaxCodePoints: 40,
  nicknameMaxBytes: 120,
  bodyMaxCodePoints: 3000,
  bodyMaxBytes: 9000,
} as const;

export type CommentLimits = typeof COMMENT_LIMITS;
