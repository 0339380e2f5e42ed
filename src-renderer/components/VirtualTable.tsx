import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  width: string;
  cell: (row: Row) => ReactNode;
}

const ROW_HEIGHT = 34;

/**
 * Rows that are not all in memory: `count` of them, of which `rowAt` has those near the view;
 * `want` is told which rows are shown so it can fetch them. A new object whenever its rows change.
 */
export interface RowSource<Row> {
  count: number;
  rowAt(index: number): Row | undefined;
  /** Where a row is, if it is loaded; -1 otherwise. */
  indexOf(id: string): number;
  want(first: number, last: number): void;
}

export interface VirtualTableProps<Row> {
  label: string;
  /** Every row (small tables), or a source that pages them in (the keystore's 100,000 entries). */
  rows: Row[] | RowSource<Row>;
  columns: Column<Row>[];
  /** Must be a pure function of the row: a new function with the same results does not re-render the table. */
  rowId: (row: Row) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  empty: ReactNode;
}

/**
 * A table that renders only the rows in view, so 100,000 entries scroll and filter smoothly.
 * Arrow keys, PageUp/PageDown and Home/End move the selection; the selected row is announced
 * through aria-activedescendant. It re-renders only when its rows, columns, selection or texts
 * change: a keystroke in a search box above it re-renders the screen, and on 100,000 rows every
 * skipped pass shows.
 */
export const VirtualTable = memo(VirtualTableBody, sameTable) as <Row>(props: VirtualTableProps<Row>) => ReactNode;

function sameTable<Row>(a: VirtualTableProps<Row>, b: VirtualTableProps<Row>): boolean {
  // rowId is left out on purpose: callers pass it inline, and it is pure (see above).
  return (
    a.rows === b.rows &&
    a.columns === b.columns &&
    a.selectedId === b.selectedId &&
    a.onSelect === b.onSelect &&
    a.empty === b.empty &&
    a.label === b.label
  );
}

function sourceOf<Row>(rows: Row[] | RowSource<Row>, rowId: (row: Row) => string): RowSource<Row> {
  if (!Array.isArray(rows)) return rows;
  return {
    count: rows.length,
    rowAt: (i) => rows[i],
    // A scan of every row: only when something is selected, once per rows and selection.
    indexOf: (id) => rows.findIndex((r) => rowId(r) === id),
    want: () => {},
  };
}

function VirtualTableBody<Row>(props: VirtualTableProps<Row>) {
  const { columns, rowId, selectedId, onSelect } = props;
  const source = useMemo(() => sourceOf(props.rows, rowId), [props.rows]);
  const count = source.count;
  const scroller = useRef<HTMLDivElement>(null);
  /** A row the keyboard moved to before its page arrived: selected once it is here. */
  const pending = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows past each edge: every row rendered is painted on each keystroke (paging fills the rest as it scrolls).
    overscan: 4,
  });
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : source.indexOf(selectedId)), [source, selectedId]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) source.want(first, last);
  }, [source, first, last]);

  useEffect(() => {
    if (pending.current === null) return;
    const row = source.rowAt(pending.current);
    if (row) {
      pending.current = null;
      onSelect(rowId(row));
    }
  }, [source]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const from = selectedIndex < 0 ? -1 : selectedIndex;
    const target: number | undefined = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (target === undefined || count === 0) return;
    event.preventDefault();
    const next = Math.min(count - 1, Math.max(0, target));
    const row = source.rowAt(next);
    pending.current = row ? null : next;
    if (row) onSelect(rowId(row));
    virtualizer.scrollToIndex(next, { align: event.key === 'End' ? 'end' : 'auto' });
  };

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={count}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <span role="columnheader" key={c.header}>
            {c.header}
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className="vtable-body"
        tabIndex={0}
        role="rowgroup"
        aria-activedescendant={selectedIndex >= 0 ? `row-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
      >
        {count === 0 ? <div className="vtable-empty">{props.empty}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = source.rowAt(item.index);
            const style = {
              gridTemplateColumns: template,
              height: ROW_HEIGHT,
              transform: `translateY(${item.start}px)`,
            };
            if (!row)
              // Its page is on the way: a quiet placeholder keeps the scrollbar and the rows in place.
              return (
                <div
                  key={`loading-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 1}
                  aria-busy="true"
                  className="vtable-row loading"
                  style={style}
                >
                  <span role="cell">…</span>
                </div>
              );
            const id = rowId(row);
            return (
              <div
                key={id}
                id={`row-${id}`}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={id === selectedId}
                className="vtable-row"
                style={style}
                onClick={() => onSelect(id)}
              >
                {columns.map((c) => (
                  <span role="cell" key={c.header}>
                    {c.cell(row)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
