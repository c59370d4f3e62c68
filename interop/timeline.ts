import type { EventType, Provenance, TrackingEvent } from "../domain/model.ts";

/** An event as a network subgraph reports it (times as RFC 3339 text, the way Federation passes them). */
export interface ReportedEvent extends Omit<TrackingEvent, "eventDateTime"> {
  eventDateTime: string;
}

export interface TimelineEvent extends Omit<ReportedEvent, "eventDateTime"> {
  eventDateTime: Date;
  sources: Provenance[];
}

/**
 * Two reports are the same physical event when they agree on what happened (DCSA code and classifier),
 * to what (container, or none for a vessel movement), where (UN/LOCODE), and when within this window:
 * a terminal's clock and a carrier's record of the same discharge differ by minutes, not hours.
 */
export const SAME_EVENT_WINDOW_MS = 30 * 60_000;

export interface TimelineFilter {
  eventType?: EventType | null;
  codes?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Merges every network's events into one timeline, oldest first. Duplicates across networks collapse
 * into one event that keeps every source; the earliest report's time and fields stand, so a merged
 * event never moves later than any network saw it. Reports from the same network are never merged.
 */
export function mergeTimeline(
  reports: readonly ReportedEvent[][],
  filter: TimelineFilter = {},
): TimelineEvent[] {
  const all = reports
    .flat()
    .map((e) => ({ ...e, eventDateTime: new Date(e.eventDateTime), sources: [e.source] }))
    .filter((e) => !Number.isNaN(e.eventDateTime.getTime()))
    .sort(
      (a, b) =>
        a.eventDateTime.getTime() - b.eventDateTime.getTime() ||
        a.source.network.localeCompare(b.source.network),
    );
  const merged: TimelineEvent[] = [];
  for (const event of all) {
    const twin = event.mapped
      ? merged.find(
          (m) =>
            m.mapped &&
            m.code === event.code &&
            m.eventClassifier === event.eventClassifier &&
            (m.equipmentReference ?? null) === (event.equipmentReference ?? null) &&
            m.location?.unLocationCode === event.location?.unLocationCode &&
            !m.sources.some((s) => s.network === event.source.network) &&
            Math.abs(m.eventDateTime.getTime() - event.eventDateTime.getTime()) <= SAME_EVENT_WINDOW_MS,
        )
      : undefined;
    if (twin) twin.sources.push(event.source);
    else merged.push(event);
  }
  return merged.filter(
    (e) =>
      (!filter.eventType || e.eventType === filter.eventType) &&
      (!filter.codes || filter.codes.length === 0 || filter.codes.includes(e.code)) &&
      (!filter.from || e.eventDateTime >= filter.from) &&
      (!filter.to || e.eventDateTime <= filter.to),
  );
}
