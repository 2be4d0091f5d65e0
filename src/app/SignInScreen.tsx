import { t } from "../i18n/i18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { LazyPage } from "./LazyPage";
import { signInPageChunk } from "./pageChunks";
import { ThemeToggle } from "./ThemeToggle";

/** What a tab that must sign in shows: the title, the theme switch and the sign-in page (a chunk). */
export function SignInScreen() {
  return (
    <>
      <header className="app-header">
        <p className="app-title">{t("app.title")}</p>
        <div className="app-header-end">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <LazyPage chunk={signInPageChunk} title={t("page.signIn")} render={(chunk) => <chunk.SignInPage />} />
      </main>
    </>
  );
}
