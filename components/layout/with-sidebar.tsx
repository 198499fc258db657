import type { ReactNode } from "react";

/** Main column and sidebar: stacked on phones (sidebar after the content), side by side from lg. */
export function WithSidebar({ children, sidebar }: { children: ReactNode; sidebar: ReactNode }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <main id="main" tabIndex={-1} className="layout-column min-w-0 focus:outline-none">
        {children}
      </main>
      {sidebar}
    </div>
  );
}
