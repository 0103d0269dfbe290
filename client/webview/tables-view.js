// The table view's page (docs/table-view.md): draws the grids the extension sends (core/src/grid.ts
// through the server's nianbao/tables) and sends back clicks and edits. The tables are built once per
// shape; later data only updates values, marks and tips in place, so nothing flickers and the scroll
// position and the focused cell stay. Runs in the webview (browser), bundled to dist/tables-view.js.
// @ts-check

(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const bar = /** @type {HTMLElement} */ (document.getElementById('bar'));
  const main = /** @type {HTMLElement} */ (document.getElementById('tables'));
  const tip = /** @type {HTMLElement} */ (document.getElementById('tip'));

  /** @type {Record<string, string>} */
  let S = {};
  /** Shape signature per table id: the tables are rebuilt only when it changes. */
  const shapes = new Map();
  /** @type {Map<string, HTMLInputElement>} `T3|row|column` → the cell's input */
  const inputs = new Map();
  /** @type {any} */
  let data = null;
  let statusEl = /** @type {HTMLElement | null} */ (null);
  let messageEl = /** @type {HTMLElement | null} */ (null);

  const fmt = (s, ...args) => String(s ?? '').replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function buildBar() {
    bar.textContent = '';
    const legend = el('div', 'legend');
    legend.append(el('span', 'swatch entered', S.legendEntered), el('span', 'swatch total', S.legendTotal), el('span', 'swatch problem', S.legendProblem));
    statusEl = el('span', 'status');
    statusEl.setAttribute('role', 'status');
    const button = el('button', 'recompute', S.recompute);
    button.id = 'recompute';
    button.addEventListener('click', () => vscode.postMessage({ type: 'recompute' }));
    const help = el('p', 'help', S.help);
    messageEl = el('p', 'message');
    messageEl.setAttribute('aria-live', 'assertive');
    const top = el('div', 'top');
    top.append(statusEl, button);
    bar.append(top, legend, help, messageEl);
  }

  /** Each column's heading path (申请人情况 · 法人或其他组织 · 商业企业), for the cells' accessible names. */
  function columnNames(t) {
    const names = new Map();
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (c.kind !== 'value') continue;
        const parts = [];
        for (const h of t.rows) {
          if (h.kind !== 'header' || (t.id === 'T2' && !sameGroup(t, h, r))) continue;
          for (const x of h.cells) if (x.kind === 'heading' && x.col <= c.col && c.col < x.col + x.colspan) parts.push(x.text);
        }
        names.set(c.ref.column, parts.join(' · '));
      }
    }
    return names;
  }
  /** 表二: a header row belongs to the data rows up to the next caption. */
  function sameGroup(t, header, row) {
    const hi = t.rows.indexOf(header);
    const ri = t.rows.indexOf(row);
    if (hi > ri) return false;
    for (let i = hi + 1; i < ri; i++) if (t.rows[i].kind === 'caption' || t.rows[i].kind === 'header') return false;
    return true;
  }

  function buildTable(t) {
    const section = el('section', 'table');
    section.id = `table-${t.id}`;
    const h = el('h2', '', `${t.shortName}　${t.name}`);
    h.id = `title-${t.id}`;
    section.append(h);
    const notes = el('ul', 'notes');
    notes.id = `notes-${t.id}`;
    section.append(notes);
    const table = el('table', 'grid');
    table.setAttribute('aria-labelledby', h.id);
    const cols = columnNames(t);
    const body = el('tbody');
    for (const r of t.rows) {
      const tr = el('tr', r.kind);
      let label = '';
      for (const c of r.cells) if (c.kind === 'label') label = c.text;
      for (const c of r.cells) {
        const header = c.kind !== 'value';
        const td = el(header ? 'th' : 'td', c.kind);
        if (c.rowspan > 1) td.rowSpan = c.rowspan;
        if (c.colspan > 1) td.colSpan = c.colspan;
        if (header) {
          td.textContent = c.text;
          if (c.kind === 'label') td.dataset.row = `${t.id}|${c.key}`;
          if (c.kind === 'heading' || c.kind === 'corner') td.scope = c.colspan > 1 ? 'colgroup' : 'col';
          else td.scope = c.rowspan > 1 ? 'rowgroup' : 'row';
        } else {
          const key = `${c.ref.row}|${c.ref.column}`;
          const id = `${t.id}|${key}`;
          td.dataset.cell = id;
          if (c.total) td.classList.add('total');
          const input = /** @type {HTMLInputElement} */ (el('input', 'num'));
          input.type = 'text';
          input.inputMode = 'decimal';
          input.autocomplete = 'off';
          input.spellcheck = false;
          input.dataset.cell = id;
          input.dataset.col = String(c.col);
          input.dataset.row = String(c.row);
          input.setAttribute('aria-label', [label, cols.get(c.ref.column)].filter(Boolean).join(' · '));
          const badge = el('span', 'expected');
          badge.setAttribute('aria-hidden', 'true');
          td.append(input, badge);
          inputs.set(id, input);
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    // A wide table scrolls by itself: the bar above stays in place.
    const scroll = el('div', 'scroll');
    scroll.append(table);
    section.append(scroll);
    return section;
  }

  function render(d) {
    data = d;
    if (!d.isReport) {
      main.textContent = '';
      shapes.clear();
      inputs.clear();
      main.append(el('p', 'empty', S.notReport));
      if (statusEl) statusEl.textContent = '';
      return;
    }
    const signature = (t) => JSON.stringify(t.rows);
    const same = d.tables.length === shapes.size && d.tables.every((t) => shapes.get(t.id) === signature(t));
    if (!same) {
      const focused = /** @type {HTMLElement} */ (document.activeElement)?.dataset?.cell;
      main.textContent = '';
      inputs.clear();
      shapes.clear();
      for (const t of d.tables) {
        shapes.set(t.id, signature(t));
        main.append(buildTable(t));
      }
      if (focused) inputs.get(focused)?.focus();
    }
    let count = 0;
    for (const t of d.tables) {
      const section = /** @type {HTMLElement} */ (document.getElementById(`table-${t.id}`));
      section.classList.toggle('missing', !t.found);
      const notes = /** @type {HTMLElement} */ (document.getElementById(`notes-${t.id}`));
      const lines = [...(t.found ? [] : [S.missingTable]), ...t.tableProblems.map((p) => p.message)];
      if (notes.dataset.text !== lines.join('\n')) {
        notes.dataset.text = lines.join('\n');
        notes.textContent = '';
        for (const l of lines) notes.append(el('li', '', l));
      }
      count += t.tableProblems.length;
      for (const th of section.querySelectorAll('th.label')) {
        const rowKey = /** @type {HTMLElement} */ (th).dataset.row?.split('|')[1] ?? '';
        const ps = t.rowProblems[rowKey] ?? [];
        count += ps.length;
        setProblems(/** @type {HTMLElement} */ (th), ps, null, []);
      }
      for (const [key, c] of Object.entries(t.cells)) {
        const id = `${t.id}|${key}`;
        const input = inputs.get(id);
        if (!input) continue;
        const td = /** @type {HTMLElement} */ (input.parentElement);
        count += c.problems.length;
        // A cell being typed in keeps what is typed until Enter, Tab or Escape.
        if (!(document.activeElement === input && input.dataset.dirty === '1')) {
          const shown = c.raw ?? '';
          if (input.value !== shown) input.value = shown;
          input.dataset.dirty = '';
        }
        input.readOnly = !c.editable;
        input.placeholder = c.range ? '' : '—';
        td.classList.toggle('absent', !c.range);
        td.classList.toggle('readonly', !!c.range && !c.editable);
        setProblems(td, c.problems, c.expected, c.candidates);
        const badge = /** @type {HTMLElement} */ (td.querySelector('.expected'));
        const b = c.expected !== null ? `→${c.expected}` : c.candidates.length ? `→${c.candidates.join('/')}` : '';
        if (badge.textContent !== b) badge.textContent = b;
        td.dataset.tip = tipText(c);
      }
    }
    if (statusEl) statusEl.textContent = count ? fmt(S.problems, count) : S.balanced;
    if (tipFor) showTip(tipFor);
  }

  function setProblems(node, problems, expected, candidates) {
    const sev = problems.some((p) => p.severity === 'error') ? 'error' : problems.some((p) => p.severity === 'warning') ? 'warning' : problems.length ? 'info' : '';
    for (const s of ['error', 'warning', 'info']) node.classList.toggle(s, s === sev);
    node.classList.toggle('located', expected !== null || candidates.length > 0);
    if (node.tagName === 'TH') node.dataset.tip = problems.map((p) => p.message).join('\n');
    const input = node.querySelector('input');
    if (input) input.setAttribute('aria-invalid', problems.length ? 'true' : 'false');
  }

  function tipText(c) {
    const lines = c.problems.map((p) => p.message);
    if (c.expected !== null) lines.push(fmt(S.shouldBe, c.expected));
    else if (c.candidates.length) lines.push(fmt(S.couldBe, c.candidates.join(' / ')));
    if (!c.range) lines.push(S.absent);
    else if (!c.editable) lines.push(S.readOnly);
    if (c.total && !lines.length) lines.push(S.total);
    return lines.join('\n');
  }

  // ---------------------------------------------------------------------------
  // The tip: the problem's message beside the cell, on hover and on keyboard focus

  /** @type {HTMLElement | null} */
  let tipFor = null;
  function showTip(node) {
    const text = node.dataset.tip;
    if (!text || !(node.classList.contains('error') || node.classList.contains('warning') || node.classList.contains('info') || node.classList.contains('absent') || node.classList.contains('readonly'))) {
      hideTip();
      return;
    }
    tipFor = node;
    tip.textContent = text;
    tip.hidden = false;
    const r = node.getBoundingClientRect();
    const w = Math.min(420, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = `${w}px`;
    const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    tip.style.left = `${left}px`;
    tip.style.top = `${r.bottom + window.scrollY + 4}px`;
    const input = node.querySelector('input');
    if (input) input.setAttribute('aria-describedby', 'tip');
  }
  function hideTip() {
    tipFor = null;
    tip.hidden = true;
  }
  main.addEventListener('mouseover', (e) => {
    const node = /** @type {HTMLElement} */ (e.target).closest('td.value, th.label');
    if (node && node !== tipFor) showTip(/** @type {HTMLElement} */ (node));
  });
  main.addEventListener('mouseleave', () => {
    const focused = /** @type {HTMLElement} */ (document.activeElement)?.closest?.('td.value');
    if (focused) showTip(/** @type {HTMLElement} */ (focused));
    else hideTip();
  });

  // ---------------------------------------------------------------------------
  // Keyboard and editing, as in a spreadsheet

  const ordered = () => [...inputs.values()];
  /** The cell below (or above) in the same column of the full grid. */
  function vertical(input, step) {
    const col = Number(input.dataset.col);
    const row = Number(input.dataset.row);
    const table = input.dataset.cell?.split('|')[0];
    let best = null;
    for (const other of inputs.values()) {
      if (other.dataset.cell?.split('|')[0] !== table) continue;
      const r = Number(other.dataset.row);
      const c = Number(other.dataset.col);
      if (step > 0 ? r <= row : r >= row) continue;
      const dist = Math.abs(r - row) * 1000 + Math.abs(c - col);
      if (!best || dist < best.dist) best = { other, dist };
    }
    if (best) return best.other;
    const list = ordered();
    return list[list.indexOf(input) + step] ?? null;
  }
  function move(input, target) {
    if (target) {
      target.focus();
      target.select();
    }
  }
  function commit(input) {
    if (input.dataset.dirty !== '1') return;
    input.dataset.dirty = '';
    const [table, row, column] = (input.dataset.cell ?? '').split('|');
    vscode.postMessage({ type: 'edit', table, key: `${row}|${column}`, text: input.value });
  }
  function revert(input) {
    const [table, row, column] = (input.dataset.cell ?? '').split('|');
    const t = data?.tables.find((x) => x.id === table);
    input.value = t?.cells[`${row}|${column}`]?.raw ?? '';
    input.dataset.dirty = '';
  }

  main.addEventListener('input', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (input.classList.contains('num')) input.dataset.dirty = '1';
  });
  main.addEventListener('focusin', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (!input.classList.contains('num')) return;
    const [table, row, column] = (input.dataset.cell ?? '').split('|');
    vscode.postMessage({ type: 'reveal', table, key: `${row}|${column}` });
    showTip(/** @type {HTMLElement} */ (input.parentElement));
    setTimeout(() => input.select(), 0);
  });
  main.addEventListener('focusout', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (input.classList.contains('num')) commit(input);
  });
  main.addEventListener('keydown', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (!input.classList.contains('num')) return;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    const list = ordered();
    const i = list.indexOf(input);
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        commit(input);
        move(input, vertical(input, e.shiftKey ? -1 : 1));
        break;
      case 'Escape':
        e.preventDefault();
        revert(input);
        input.select();
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        commit(input);
        move(input, vertical(input, e.key === 'ArrowDown' ? 1 : -1));
        break;
      case 'ArrowRight':
        if (atEnd || input.selectionStart !== input.selectionEnd) {
          e.preventDefault();
          commit(input);
          move(input, list[i + 1]);
        }
        break;
      case 'ArrowLeft':
        if (atStart || input.selectionStart !== input.selectionEnd) {
          e.preventDefault();
          commit(input);
          move(input, list[i - 1]);
        }
        break;
      // Tab: the browser moves to the next input in reading order; focusout commits.
    }
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    switch (m.type) {
      case 'strings':
        S = m.strings;
        buildBar();
        break;
      case 'data':
        render(m.data);
        if (messageEl) messageEl.textContent = '';
        break;
      case 'editFailed': {
        const input = inputs.get(`${m.table}|${m.key}`);
        if (input) revert(input);
        if (messageEl) messageEl.textContent = m.message;
        break;
      }
      case 'scrollTo': {
        // The table's title just below the bar that stays at the top.
        const section = document.getElementById(`table-${m.table}`);
        if (section) window.scrollTo({ top: section.getBoundingClientRect().top + window.scrollY - bar.offsetHeight - 4 });
        break;
      }
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
