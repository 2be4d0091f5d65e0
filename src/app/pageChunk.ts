import { withPagesPart } from "../i18n/i18n";
import { type ChunkLoader, chunkLoader } from "./chunkLoader";

/**
 * A lazily loaded page: its code and the `pages` part of the catalogue (src/i18n/catalogParts.ts),
 * downloaded together, so the page never renders before its words have arrived. Either failing
 * to download is the page's load error, with Retry.
 */
export function pageChunk<T>(importer: () => Promise<T>): ChunkLoader<T> {
  return chunkLoader(() => withPagesPart(importer()));
}
