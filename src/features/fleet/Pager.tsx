import { Field } from "../../app/Field";

export interface PagerProps {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

export const PAGE_SIZES = [24, 48, 96, 192];

/** Page controls of the overview; only the cards of the current page are rendered and watched. */
export function Pager({ page, pages, total, pageSize, onPage, onPageSize }: PagerProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ Previous
      </button>
      <span className="pager-text">
        {first}–{last} of {total} · page {page} of {Math.max(1, pages)}
      </span>
      <button type="button" className="btn" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next ›
      </button>
      <Field label="Per page" className="pager-size">
        {(id) => (
          <select id={id} value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        )}
      </Field>
    </nav>
  );
}
