"use client";
// The only client code on article pages: text size (four steps, remembered in this browser) and print.
import { useEffect, useSyncExternalStore } from "react";

const STEPS = ["작게", "보통", "크게", "아주 크게"] as const;
const DEFAULT_STEP = 1;
const STORAGE_KEY = "article-font-size";
const listeners = new Set<() => void>();

function readStep(): number {
  const raw = window.localStorage.getItem(STORAGE_KEY);
  const step = Number(raw);
  return raw !== null && Number.isInteger(step) && step >= 0 && step < STEPS.length ? step : DEFAULT_STEP;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function saveStep(step: number) {
  window.localStorage.setItem(STORAGE_KEY, String(step));
  listeners.forEach((listener) => listener());
}

/** Font size and print controls; the text stays readable at the default size without JavaScript. */
export function ArticleToolbar() {
  const step = useSyncExternalStore(subscribe, readStep, () => DEFAULT_STEP);

  useEffect(() => {
    // At the default size the attribute is left off: setting it restyles the whole page during hydration.
    if (step === DEFAULT_STEP) delete document.documentElement.dataset.fontSize;
    else document.documentElement.dataset.fontSize = String(step);
  }, [step]);

  const buttonClass = "rounded border border-rule px-2 py-1 disabled:opacity-40";
  return (
    <div role="toolbar" aria-label="기사 도구" className="no-print flex items-center gap-1 text-sm">
      <button type="button" onClick={() => saveStep(step - 1)} disabled={step === 0} className={buttonClass}>
        가-<span className="sr-only"> 글자 작게</span>
      </button>
      <output aria-live="polite" className="min-w-16 text-center text-ink-soft">
        {STEPS[step]}
      </output>
      <button type="button" onClick={() => saveStep(step + 1)} disabled={step === STEPS.length - 1} className={buttonClass}>
        가+<span className="sr-only"> 글자 크게</span>
      </button>
      <button type="button" onClick={() => window.print()} className={`ml-2 ${buttonClass}`}>
        인쇄
      </button>
    </div>
  );
}
