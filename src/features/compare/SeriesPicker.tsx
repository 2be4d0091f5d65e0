import { useState } from "react";
import { t } from "../../i18n/i18n";
import type { DeviceInfo } from "../../protocol/messages";
import { Field } from "../../ui/Field";
import { MAX_SERIES, type SeriesRef, seriesKey } from "./compareState";

export interface SeriesPickerProps {
  devices: readonly DeviceInfo[];
  chosen: readonly SeriesRef[];
  onAdd(ref: SeriesRef): void;
}

/** Matches shown at once; typing more narrows them. */
const SHOWN = 12;

/** Every (device, metric) whose device name or id, or metric label or key, holds all the words. */
export function findSeries(
  devices: readonly DeviceInfo[],
  text: string,
): { info: DeviceInfo; ref: SeriesRef; label: string }[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return devices.flatMap((info) =>
    info.metrics
      .filter((metric) => {
        const haystack = `${info.name} ${info.id} ${metric.label} ${metric.key}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      })
      .map((metric) => ({
        info,
        ref: { device: info.id, metric: metric.key },
        label: `${info.name} · ${metric.label} (${metric.unit})`,
      })),
  );
}

/** Search any device's metrics by name and add them to the comparison, up to eight. */
export function SeriesPicker({ devices, chosen, onAdd }: SeriesPickerProps) {
  const [text, setText] = useState("");
  const full = chosen.length >= MAX_SERIES;
  const taken = new Set(chosen.map(seriesKey));
  const matches = findSeries(devices, text).filter((m) => !taken.has(seriesKey(m.ref)));
  return (
    <search className="compare-picker" aria-label={t("compare.addSeries")}>
      <Field label={t("compare.addSeriesField", { count: chosen.length, max: MAX_SERIES })}>
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder={t("compare.placeholder")}
            value={text}
            aria-describedby={full ? `${id}-full` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      {full && (
        <p className="muted" id="compare-full">
          {MAX_SERIES} series are shown, the most one chart can keep apart: remove one to add another.
        </p>
      )}
      {text.trim() !== "" && (
        <>
          <p className="visually-hidden" aria-live="polite">
            {matches.length} match{matches.length === 1 ? "" : "es"}
          </p>
          {matches.length === 0 ? (
            <p className="muted">{t("compare.noMatch", { text })}</p>
          ) : (
            <ul className="compare-matches">
              {matches.slice(0, SHOWN).map((match) => (
                <li key={seriesKey(match.ref)}>
                  <button type="button" className="btn" disabled={full} onClick={() => onAdd(match.ref)}>
                    {t("compare.add", { label: match.label })}
                  </button>
                </li>
              ))}
              {matches.length > SHOWN && (
                <li className="muted">
                  {matches.length - SHOWN} more: type more of the name to narrow them.
                </li>
              )}
            </ul>
          )}
        </>
      )}
    </search>
  );
}
