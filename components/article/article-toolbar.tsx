"use client";
// The only client code on article pages: text size (four steps, remembered) and print.
import { useEffect, useState } from "react";

const STEPS = ["작게", "보통", "크게", "아주 크게"] as const;
const DEFAULT_STEP = 1;
const STORAGE_KEY = "article-font-size";

function applyStep(step: number) {
  document.documentElement.dataset.fontSize = String(step);
}

/** Font size and print controls; the text stays readable at the default size without JavaScript. */
export function ArticleToolbar() {
  const [step, setStep] = useState(DEFAULT_STEP);

  useEffect(() => {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const stored = Number(raw);
    if (raw !== null && Number.isInteger(stored) && stored >= 0 && stored < STEPS.length) {
      setStep(stored);
      applyStep(stored);
    }
  }, []);

  const change = (next: number) => {
    setStep(next);
    applyStep(next);
    window.localStorage.setItem(STORAGE_KEY, String(next));
  };

  return (
    <div role="toolbar" aria-label="기사 도구" className="no-print flex items-center gap-1 text-sm">
      <button
        type="button"
        onClick={() => change(step - 1)}
        disabled={step === 0}
        className="rounded border border-rule px-2 py-1 disabled:opacity-40"
        aria-label="글자 작게"
      >
        가-
      </button>
      <output aria-live="polite" className="min-w-16 text-center text-ink-soft">
        {STEPS[step]}
      </output>
      <button
        type="button"
        onClick={() => change(step + 1)}
        disabled={step === STEPS.length - 1}
        className="rounded border border-rule px-2 py-1 disabled:opacity-40"
        aria-label="글자 크게"
      >
        가+
      </button>
      <button type="button" onClick={() => window.print()} className="ml-2 rounded border border-rule px-2 py-1">
        인쇄
      </button>
    </div>
  );
}
