import { type ReactNode, Suspense, use, useState } from "react";
import { t } from "../i18n/i18n";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";
import type { ChunkLoader } from "./chunkLoader";

interface LazyPageProps<T> {
  chunk: ChunkLoader<T>;
  /** The page's name, for the loading state and the load error. */
  title: string;
  render(module: T): ReactNode;
}

function Loaded<T>({ chunk, pending, render }: LazyPageProps<T> & { pending: Promise<T> }) {
  return render(chunk.loaded() ?? use(pending));
}

/**
 * A page downloaded on first use, with a loading state and a retryable load error (as
 * AlertsPageRoute). Keyed by its title: going from one lazy page to another must not keep the
 * first page's load.
 */
export function LazyPage<T>(props: LazyPageProps<T>) {
  return <LazyPageLoader key={props.title} {...props} />;
}

function LazyPageLoader<T>(props: LazyPageProps<T>) {
  const { chunk, title } = props;
  const [pending, setPending] = useState(() => chunk.load());
  return (
    <ChunkErrorBoundary
      title={t("page.loadFailed", { page: title })}
      onRetry={() => setPending(chunk.load())}
    >
      <Suspense
        fallback={
          <section className="empty-state route-loading" aria-busy="true" aria-label={title}>
            <p>{t("page.loading", { page: title.toLowerCase() })}</p>
          </section>
        }
      >
        <Loaded {...props} pending={pending} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
