import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  width: string;
  cell: (row: Row) => ReactNode;
}

const ROW_HEIGHT = 34;

/**
 * A table that renders only the rows in view, so 100,000 entries scroll and filter smoothly.
 * Arrow keys move the selection; the selected row is announced through aria-activedescendant.
 */
export function VirtualTable<Row>(props: {
  label: string;
  rows: Row[];
  columns: Column<Row>[];
  rowId: (row: Row) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  empty: ReactNode;
}) {
  const { rows, columns, rowId, selectedId, onSelect } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = columns.map((c) => c.width).join(' ');
  const selectedIndex = rows.findIndex((r) => rowId(r) === selectedId);

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
