// The one error type of reader engagement: what the reader is told, with its HTTP status.

/** A refusal a reader can act on: HTTP status and a Korean message. */
export class EngagementError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "EngagementError";
  }
}

export const NOT_FOUND_COMMENT = "댓글을 찾을 수 없습니다.";
