import { columnDef } from '../format';
import { tableDefOf } from '../relations';
import { msg, KIND_CN } from '../messages';
import { cellName } from './helpers';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'cell-not-number',
  severity: 'error',
  description: '表格中应填数字的单元格写了别的内容（字母、横线、“无”或空白）',
  fixable: false,
  check(ctx) {
    for (const table of ctx.report.tables) {
      const def = tableDefOf(table);
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.value !== null) continue;
          const kind = columnDef(def, cell.column)?.kind ?? 'int';
          ctx.report_(cell.valueSpan, msg.cellNotNumber(cell.raw, cellName(def, { row: row.key, column: cell.column }), KIND_CN[kind]));
        }
      }
    }
  },
};
export default rule;
