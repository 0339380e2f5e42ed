import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  width: string;
  cell: (row: Row) => ReactNode;
}

const ROW_HEIGHT = 34;

export interface VirtualTableProps<Row> {
  label: string;
  rows: Row[];
  columns: Column<Row>[];
  /** Must be a pure function of the row: a new function with the same results does not re-render the table. */
  rowId: (row: Row) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  empty: ReactNode;
}

/**
 * A table that renders only the rows in view, so 100,000 entries scroll and filter smoothly.
 * Arrow keys move the selection; the selected row is announced through aria-activedescendant.
 * It re-renders only when its rows, columns, selection or texts change: a keystroke in a search
 * box above it re-renders the screen, and on 100,000 rows every skipped pass shows.
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

function VirtualTableBody<Row>(props: VirtualTableProps<Row>) {
  const { rows, columns, rowId, selectedId, onSelect } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = columns.map((c) => c.width).join(' ');
  // A scan of every row: only when something is selected, and once per rows and selection (rowId is pure).
  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : rows.findIndex((r) => rowId(r) === selectedId)),
    [rows, selectedId],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (step === undefined || rows.length === 0) return;
    event.preventDefault();
    const next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + step));
    const row = rows[next];
    if (row) onSelect(rowId(row));
    virtualizer.scrollToIndex(next);
  };

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={rows.length}>
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
        {rows.length === 0 ? <div className="vtable-empty">{props.empty}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const id = rowId(row);
            return (
              <div
                key={id}
                id={`row-${id}`}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={id === selectedId}
                className="vtable-row"
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
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
