// What a comment may be: pure checks with Korean messages for readers.

export type CommentInput = { nickname: string; body: string; password: string; parentId: number | null };
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// C0/C1 controls except tab, newline and carriage return (which a textarea legitimately sends).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Length as a reader counts it: user-perceived characters, not UTF-16 units. */
export function visibleLength(text: string): number {
  return [...new Intl.Segmenter("ko", { granularity: "grapheme" }).segment(text)].length;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Validates and normalises (NFC, trimmed, CRLF to LF) a posted comment. */
export function checkComment(
  raw: Record<string, unknown>,
  limits: { nicknameMax: number; bodyMax: number; passwordMin: number; passwordMax: number },
): Checked<CommentInput> {
  const nickname = text(raw.nickname)?.normalize("NFC").trim();
  const body = text(raw.body)?.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  const password = text(raw.password);
  if (nickname === undefined || body === undefined || password === undefined)
    return { ok: false, error: "닉네임, 비밀번호, 댓글 내용을 모두 입력해 주세요." };
  if (!nickname) return { ok: false, error: "닉네임을 입력해 주세요." };
  if (visibleLength(nickname) > limits.nicknameMax)
    return { ok: false, error: `닉네임은 ${limits.nicknameMax}자까지 쓸 수 있습니다.` };
  if (/[\n\t]/.test(nickname) || CONTROL.test(nickname)) return { ok: false, error: "닉네임에 쓸 수 없는 문자가 들어 있습니다." };
  if (!body) return { ok: false, error: "댓글 내용을 입력해 주세요." };
  if (visibleLength(body) > limits.bodyMax) return { ok: false, error: `댓글은 ${limits.bodyMax}자까지 쓸 수 있습니다.` };
  if (CONTROL.test(body)) return { ok: false, error: "댓글에 쓸 수 없는 제어 문자가 들어 있습니다." };
  if (password.length < limits.passwordMin || password.length > limits.passwordMax) {
    return { ok: false, error: `비밀번호는 ${limits.passwordMin}~${limits.passwordMax}자로 입력해 주세요.` };
  }
  const parent = raw.parentId;
  let parentId: number | null = null;
  if (parent !== undefined && parent !== null && parent !== "") {
    parentId = Number(parent);
    if (!Number.isSafeInteger(parentId) || parentId < 1) return { ok: false, error: "답글을 달 댓글을 찾을 수 없습니다." };
  }
  return { ok: true, value: { nickname, body, password, parentId } };
}

/** "방금", "3분 전", "2시간 전", "5일 전", then the date. */
export function timeAgo(then: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 60) return "방금";
  if (seconds < 3600) return `${Math.floor(seconds / 60)}분 전`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}시간 전`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)}일 전`;
  return new Date(then).toLocaleDateString("ko-KR", { timeZone: "Asia/Seoul" });
}
