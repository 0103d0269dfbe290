import { cellName, columnDef } from '../format';
import { tableDefOf } from '../relations';
import { msg, fixTitle, KIND_CN } from '../messages';
import { readableNumber } from '../text';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'cell-not-number',
  severity: 'error',
  description: '表格中应填数字的单元格写了别的内容（字母、横线、“无”或空白）',
  docs: builtinDocs('cell-not-number'),
  fixable: true,
  check(ctx) {
    for (const table of ctx.report.tables) {
      const def = tableDefOf(table);
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.value !== null) continue;
          const kind = columnDef(def, cell.column)?.kind ?? 'int';
          const name = cellName(def, { row: row.key, column: cell.column });
          // Only where the meaning is certain (十二, 一百零五, 1,200, 12件): rewritten in Arabic digits.
          // Not part of fix-all: the writer should see what was changed in the table.
          const value = cell.raw ? readableNumber(cell.raw) : null;
          const fix =
            value === null
              ? undefined
              : { title: fixTitle.numeral(cell.raw, value), edits: [{ ...cell.valueSpan, newText: String(value) }], preferred: true, fixAll: false };
          ctx.add(cell.valueSpan, msg.cellNotNumber(cell.raw, name, KIND_CN[kind]), fix);
        }
      }
    }
  },
};
export default rule;
