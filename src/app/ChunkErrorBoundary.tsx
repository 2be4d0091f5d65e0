import { Component, type ReactNode } from "react";
import { t } from "../i18n/i18n";
import { ChunkLoadError } from "./chunkLoader";
import { focusHeadingWhenShown } from "./focusHeading";

interface Props {
  /** The page heading when loading failed, e.g. "The device view could not be loaded". */
  title: string;
  /** Starts the download again; called when the person presses Retry. */
  onRetry: () => void;
  children: ReactNode;
}

interface State {
  error?: unknown;
}

/**
 * Shows a code chunk that failed to download as a message with Retry, instead of a blank page.
 * Other errors are not load failures: they go on to the boundary above.
 */
export class ChunkErrorBoundary extends Component<Props, State> {
  override state: State = {};
  private page: HTMLElement | undefined;
  private stopFocus: (() => void) | undefined;

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(_props: Props, previous: State): void {
    // After Retry the button is gone: focus the page's heading once the loaded page draws it.
    if (previous.error && !this.state.error && this.page) {
      this.stopFocus?.();
      this.stopFocus = focusHeadingWhenShown(this.page);
    }
  }

  override componentWillUnmount(): void {
    this.stopFocus?.();
  }

  private readonly retry = () => {
    this.props.onRetry();
    this.setState({ error: undefined });
  };

  private readonly rememberPage = (element: HTMLElement | null) => {
    if (element?.parentElement) this.page = element.parentElement;
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    if (!(error instanceof ChunkLoadError)) throw error;
    return (
      <section className="empty-state load-error" ref={this.rememberPage}>
        <h1 className="page-title">{this.props.title}</h1>
        <p role="alert">{t("page.loadFailedText")}</p>
        <p className="muted load-error-detail">{error.message}</p>
        <div className="load-error-actions">
          <button type="button" className="btn btn-primary" onClick={this.retry}>
            {t("action.retry")}
          </button>
          <button type="button" className="btn" onClick={() => location.reload()}>
            {t("action.reload")}
          </button>
        </div>
      </section>
    );
  }
}
