import { useCallback, useDeferredValue, useEffect, useEffectEvent, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceEventId } from '../../engine/node/contract';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { seconds3 } from '../inspector/format';
import { useScrollViewport } from '../inspector/use-scroll-viewport';
import { LadderArrowView } from './LadderArrowView';
import { DEFAULT_GROUPS, kindsOf } from './ladder-kinds';
import { layoutLadder, visibleRange } from './ladder-layout';
import { buildArrows, laneOrder, type LadderArrow } from './ladder-model';
import { LadderToolbar } from './LadderToolbar';
import { buildTimeScale } from './time-scale';
import './ladder.css';

const HEADER = 26;
const GUTTER = 70;
const OVERSCAN = 200;
const SIZES = {
  normal: { minLane: 84, minStep: 18, maxStep: 70 },
  presentation: { minLane: 110, minStep: 26, maxStep: 90 },
};

// The sequence ("ladder") diagram (docs/architecture.md "UI"): one lifeline per node,
// one arrow per hop from sender to receiver, time running down. It follows
// playback (a cursor at `now`), draws only what is on screen, and shares the
// one selection: clicking an arrow selects its packet everywhere, and a packet
// selected elsewhere is highlighted and scrolled into view here.
export function LadderDiagram() {
  const trace = useTraceView();
  const selected = useLab((s) => s.selectedPacket);
  const selectPacket = useLab((s) => s.selectPacket);
  const now = useLab((s) => s.now);
  const playing = useLab((s) => s.status === 'playing');
  const presentation = useLab((s) => s.presentation);
  const scenario = useLab((s) => s.scenario);
  const [groups, setGroups] = useState<ReadonlySet<string>>(DEFAULT_GROUPS);
  const [zoom, setZoom] = useState(2);
  const [follow, setFollow] = useState(true);
  const [active, setActive] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const size = presentation ? SIZES.presentation : SIZES.normal;

  // Rebuilding thousands of arrows may lag a frame behind the cursor: defer it so playback stays smooth.
  // A new view each time the mutable log grew (store/trace-view.ts).
  const deferred = useDeferredValue(trace);
  const arrows = useMemo(() => buildArrows(deferred.log, kindsOf(groups)), [deferred, groups]);
  const lanes = useMemo(() => laneOrder(scenario, arrows), [scenario, arrows]);
  const scale = useMemo(() => {
    const times: number[] = [];
    for (const a of arrows) {
      times.push(a.sent);
      if (a.arrived !== undefined) times.push(a.arrived);
    }
    return buildTimeScale(times, { top: HEADER + 14, pxPerMs: zoom, minStep: size.minStep, maxStep: size.maxStep });
  }, [arrows, zoom, size]);

  const onUserScroll = useCallback((el: HTMLElement) => setFollow(el.scrollTop + el.clientHeight >= el.scrollHeight - 40), []);
  const { viewport, scrollTo, onScroll, shown: laidOut } = useScrollViewport(ref, onUserScroll);
  const layout = useMemo(() => layoutLadder(arrows, lanes, scale, viewport.width, GUTTER, size.minLane, size.minStep * 0.8), [arrows, lanes, scale, viewport.width, size]);
  const yNow = scale.yOf(now);
  const height = Math.max(scale.bottom, yNow) + 40;

  // Keep the time cursor in view while playing.
  useEffect(() => {
    if (follow && playing) scrollTo(yNow - viewport.height * 0.7);
  }, [follow, playing, yNow, viewport.height, scrollTo]);

  // A packet selected anywhere: stop following, highlight its first arrow and bring it into view —
  // also when the ladder's tab is shown after the selection was made elsewhere. Only then, not on
  // every new trace batch. The state is adjusted while rendering; the scroll, done to the page, follows.
  const toReveal = laidOut ? selected : null;
  const [revealed, setRevealed] = useState<TraceEventId | null>(null);
  if (toReveal !== revealed) {
    setRevealed(toReveal);
    if (toReveal !== null) {
      setFollow(false);
      const a = arrows.find((x) => x.packet === toReveal);
      if (a !== undefined) setActive(a.key);
    }
  }
  // Reads the layout as it is when the selection changes, without running again when it changes.
  const scrollToPacket = useEffectEvent((packet: TraceEventId) => {
    const i = arrows.findIndex((a) => a.packet === packet);
    if (i < 0) return;
    const g = layout.geometry[i]!;
    const top = ref.current?.scrollTop ?? 0;
    if (g.y0 < top + HEADER || g.y1 > top + viewport.height) scrollTo(g.y0 - viewport.height / 2);
  });
  useEffect(() => {
    if (revealed !== null) scrollToPacket(revealed);
  }, [revealed]);

  // Roving focus: after a keyboard move the target arrow is rendered, then focused.
  useEffect(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const el = Array.from(ref.current?.querySelectorAll<SVGGElement>('[data-arrow]') ?? []).find((x) => x.getAttribute('data-arrow') === key);
    if (el !== undefined) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  const onSelect = useCallback((a: LadderArrow) => {
    setActive(a.key);
    selectPacket(a.packet);
  }, [selectPacket]);

  const onFocusArrow = useCallback((a: LadderArrow) => setActive(a.key), []);

  const onKeyDown = useCallback((e: KeyboardEvent<SVGGElement>, a: LadderArrow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(a);
      return;
    }
    const i = arrows.findIndex((x) => x.key === a.key);
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + 10, PageUp: i - 10, Home: 0, End: arrows.length - 1 };
    const to = moves[e.key];
    if (to === undefined || i < 0) return;
    e.preventDefault();
    const j = Math.max(0, Math.min(arrows.length - 1, to));
    const target = arrows[j]!;
    const g = layout.geometry[j]!;
    setActive(target.key);
    pendingFocus.current = target.key;
    const top = ref.current?.scrollTop ?? 0;
    if (g.y0 < top + HEADER + 10 || g.y1 > top + viewport.height - 10) scrollTo(g.y0 - viewport.height / 2);
  }, [arrows, layout, onSelect, scrollTo, viewport.height]);

  const [first, last] = visibleRange(layout, viewport.top - OVERSCAN, viewport.top + viewport.height + OVERSCAN);
  const shown = arrows.slice(first, last);
  const activeShown = shown.some((a) => a.key === active);
  const tabbableKey = activeShown ? active : shown[0]?.key ?? null;
  const hiddenSelection = selected !== null && !arrows.some((a) => a.packet === selected);
  const lineTop = Math.max(HEADER, viewport.top);
  const lineBottom = Math.min(height, viewport.top + viewport.height + OVERSCAN);

  const timeLabels: { y: number; t: number }[] = [];
  for (let k = 0; k < shown.length; k++) {
    const y = layout.geometry[first + k]!.y0;
    const prev = timeLabels[timeLabels.length - 1];
    if (prev === undefined || y - prev.y >= 14) timeLabels.push({ y, t: shown[k]!.sent });
  }

  return (
    <section className={`ladder${presentation ? ' presentation' : ''}`} aria-label="Ladder diagram">
      <LadderToolbar groups={groups} onGroups={setGroups} zoom={zoom} onZoom={setZoom} follow={follow} onFollow={setFollow} count={arrows.length} />
      {hiddenSelection ? (
        <p className="ladder-note" role="status">The selected packet has no arrow here: its kind is not drawn, or no node has received it yet.</p>
      ) : null}
      <div className="ladder-scroller" ref={ref} onScroll={onScroll}>
        <div className="ladder-content" style={{ width: layout.width, height }}>
          <div className="ladder-lanes" style={{ width: layout.width, height: HEADER }} aria-hidden="true">
            {lanes.map((n) => (
              <span key={n} className="ladder-lane-label" style={{ left: layout.laneX(n)! - layout.laneWidth / 2, width: layout.laneWidth }} title={scenario?.nodes.find((x) => x.id === n)?.label ?? n}>
                {n}
              </span>
            ))}
          </div>
          <svg
            className="ladder-svg"
            width={layout.width}
            height={height}
            role="group"
            aria-label={`Ladder diagram: ${arrows.length} messages between ${lanes.join(', ')} over virtual time; arrow keys move between messages, Enter selects`}
          >
            <g aria-hidden="true">
              {lanes.map((n) => <line key={n} className="ladder-lifeline" x1={layout.laneX(n)} x2={layout.laneX(n)} y1={lineTop} y2={lineBottom} />)}
              {scale.gaps.filter((g) => g.y >= viewport.top - OVERSCAN && g.y <= viewport.top + viewport.height + OVERSCAN).map((g) => (
                <g key={g.y} className="ladder-gap">
                  <line x1={0} x2={layout.width} y1={g.y} y2={g.y} />
                  <text x={4} y={g.y - 3}>⋯ {seconds3(g.skipped)} s</text>
                </g>
              ))}
              {timeLabels.map((l) => <text key={l.y} className="ladder-time" x={GUTTER - 8} y={l.y + 4} textAnchor="end">{seconds3(l.t)}</text>)}
            </g>
            {shown.map((a, k) => {
              const g = layout.geometry[first + k]!;
              return (
                <LadderArrowView
                  key={a.key}
                  arrow={a}
                  x0={g.x0}
                  y0={g.y0}
                  x1={g.x1}
                  y1={g.y1}
                  labelY={g.labelY}
                  selected={a.packet === selected}
                  tabbable={a.key === tabbableKey}
                  onSelect={onSelect}
                  onKeyDown={onKeyDown}
                  onFocus={onFocusArrow}
                />
              );
            })}
            <g className="ladder-now" aria-hidden="true">
              <line x1={0} x2={layout.width} y1={yNow} y2={yNow} />
              <text x={4} y={yNow - 3}>now {seconds3(now)} s</text>
            </g>
          </svg>
        </div>
        {arrows.length === 0 ? <p className="ladder-empty">No messages of the chosen kinds yet — press Play to run the scenario.</p> : null}
      </div>
    </section>
  );
}
