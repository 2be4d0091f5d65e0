/**
 * Makes sure PostgreSQL exists for the store tests (a throwaway cluster per suite, see
 * testing/postgres.ts), getting it when missing: Debian's `postgresql` via apt-get when running
 * as root with apt. Exits non-zero with a message that says exactly what to install otherwise.
 */
import { findPostgresBin } from "../testing/postgres";
import { apt, ensure } from "./provision";

ensure({
  tag: "ensure-postgres",
  find: findPostgresBin,
  missing: "PostgreSQL found (initdb in /usr/lib/postgresql/*/bin or on PATH); installing it",
  install: [apt("postgresql")],
  help:
    "PostgreSQL could not be found or installed; the store tests need it. Install one of:\n" +
    "  - Debian/Ubuntu: sudo apt-get install postgresql\n" +
    "  - Fedora: sudo dnf install postgresql-server\n" +
    "  - macOS: brew install postgresql\n" +
    "  (initdb, pg_ctl and postgres must be in /usr/lib/postgresql/<version>/bin or on PATH)",
});
