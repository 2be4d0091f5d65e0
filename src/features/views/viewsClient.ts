/**
 * The dashboard's client of `/api/views` (docs/PROTOCOL.md, docs/VIEWS.md), with the access token
 * as `Authorization: Bearer` like the other APIs. Every refusal becomes a ViewsError whose
 * message is meant for people and names the field the server named. No React here.
 */
import { errorText } from "../../i18n/errors";
import { t } from "../../i18n/i18n";
import { reportUnauthorized, savedToken } from "../../ui/accessToken";
import type { SavedView, ViewDraft } from "./viewFormat";

export const VIEWS_API = "/api/views";

export interface ViewList {
  views: SavedView[];
  favourites: string[];
  home: string | null;
}

export class ViewsError extends Error {
  constructor(
    /** The API's code (`forbidden`, `unknown_device`, ...), or `network`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ViewsError";
  }
}

async function call<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const token = savedToken();
  let response: Response;
  try {
    response = await fetch(`${VIEWS_API}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ViewsError("network", t("errors.unreachable"));
  }
  if (response.status === 401) reportUnauthorized();
  if (response.status === 204) return undefined as T;
  const json = (response.headers.get("content-type") ?? "").includes("json");
  const answer = (json ? await response.json().catch(() => undefined) : undefined) as
    | (T & { error?: { code?: string; message?: string } })
    | undefined;
  if (response.ok && answer) return answer;
  if (!json) throw new ViewsError("no_views_api", t("views.noApi"));
  const code = answer?.error?.code ?? `http_${response.status}`;
  const detail = answer?.error?.message ?? `HTTP ${response.status}`;
  throw new ViewsError(
    code,
    response.status === 401
      ? t("errors.sessionEnded")
      : t("errors.refused", { reason: errorText(answer?.error?.code, detail) }),
  );
}

export const listViews = () => call<ViewList>("");
export const getView = (id: string) =>
  call<{ view: SavedView }>(`/${encodeURIComponent(id)}`).then((a) => a.view);
/** Saves a draft, or imports an exported file as it is (the server checks its format and version). */
export const createView = (draft: ViewDraft | object) =>
  call<{ view: SavedView }>("", "POST", draft).then((a) => a.view);
export const deleteView = (id: string) => call<void>(`/${encodeURIComponent(id)}`, "DELETE");
export const markFavourite = (id: string, on: boolean) =>
  call<void>(`/${encodeURIComponent(id)}/favourite`, on ? "PUT" : "DELETE");
export const markHome = (id: string, on: boolean) =>
  call<void>(`/${encodeURIComponent(id)}/home`, on ? "PUT" : "DELETE");
/** Replaces a view's name, kind and state (its owner or an admin). */
export const updateView = (id: string, draft: ViewDraft) =>
  call<{ view: SavedView }>(`/${encodeURIComponent(id)}`, "PUT", draft).then((a) => a.view);
