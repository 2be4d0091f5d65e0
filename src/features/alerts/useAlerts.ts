import { useStore } from "zustand";
import { type AlertState, type AlertStore, createAlertStore } from "./alertStore";

let store: AlertStore | undefined;

/** The page's alert store (created on first use). */
export function getAlertStore(): AlertStore {
  store ??= createAlertStore();
  return store;
}

/** Selects from the alert store; use atomic selectors. */
export function useAlerts<T>(selector: (state: AlertState) => T): T {
  return useStore(getAlertStore(), selector);
}
