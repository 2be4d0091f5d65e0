import { LazyPage } from "./LazyPage";
import { signInPageChunk } from "./pageChunks";
import { ThemeToggle } from "./ThemeToggle";

/** What a tab that must sign in shows: the title, the theme switch and the sign-in page (a chunk). */
export function SignInScreen() {
  return (
    <>
      <header className="app-header">
        <p className="app-title">Fleet dashboard</p>
        <div className="app-header-end">
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <LazyPage chunk={signInPageChunk} title="Sign in" render={(chunk) => <chunk.SignInPage />} />
      </main>
    </>
  );
}
