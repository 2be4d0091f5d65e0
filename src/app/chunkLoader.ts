/** Loading of code-split chunks: one shared import per chunk, retried after a failure. */

/** A chunk that could not be downloaded (offline, or the server was redeployed and it is gone). */
export class ChunkLoadError extends Error {
  override name = "ChunkLoadError";
}

/** One lazily imported module. */
export interface ChunkLoader<T> {
  /** Starts the import, or returns the one already under way or done. */
  load(): Promise<T>;
  /** The module once it has loaded, so a render can use it without suspending. */
  loaded(): T | undefined;
  /** Starts the import in the background; a failure is left for the next `load` to retry. */
  prefetch(): void;
}

/**
 * Wraps a dynamic `import()`. The import runs once and is shared; a failed import is forgotten,
 * so the next `load` asks the server again instead of replaying the old rejection, as
 * `React.lazy` would (it keeps a rejected load for the life of the page).
 */
export function chunkLoader<T>(importer: () => Promise<T>): ChunkLoader<T> {
  let pending: Promise<T> | undefined;
  let module: T | undefined;
  const load = (): Promise<T> => {
    pending ??= importer().then(
      (loaded) => {
        module = loaded;
        return loaded;
      },
      (error: unknown) => {
        pending = undefined;
        const message = error instanceof Error ? error.message : String(error);
        throw new ChunkLoadError(message, { cause: error });
      },
    );
    return pending;
  };
  return {
    load,
    loaded: () => module,
    prefetch: () => {
      load().catch(() => {});
    },
  };
}
