package org.layoutlease.scenario.compare;

/** The page's one stylesheet: system fonts, a light and a dark palette, the table and the timeline classes. */
final class HtmlStyle {
    private HtmlStyle() {
    }

    static final String CSS = """
        :root {
          --bg: #f7f8fa; --panel: #ffffff; --fg: #1b2330; --muted: #6b7686; --faint: #eef1f5; --rule: #dde2e9;
          --ok: #2f8a57; --err: #c8611d; --blocked: #2f6fcf; --wake: #15928a; --signal: #d49a12;
          --inv: #d93a3a; --invalid: #7c4dcc; --kernel: #8a94a3; --differs: #fff4d6; --differs-rule: #e7b53c;
          --band-a: #ffffff; --band-b: #fafbfd; --kband: #f1f3f7; --gap: #f4f6f9; --gap-hatch: #dfe4ec;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
          --mono: ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #11151b; --panel: #171c24; --fg: #e3e8ef; --muted: #8d98a8; --faint: #1e2530; --rule: #2a323e;
            --ok: #4cc384; --err: #f08a4b; --blocked: #5b9bf0; --wake: #3cc7bd; --signal: #f0c04a;
            --inv: #ff6b6b; --invalid: #a78bfa; --kernel: #7f8a9a; --differs: #3a3220; --differs-rule: #c9972a;
            --band-a: #171c24; --band-b: #1a2029; --kband: #1d232d; --gap: #1b212a; --gap-hatch: #2b3440;
          }
        }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body { margin: 0 auto; max-width: 1600px; padding: 28px 32px 48px; color: var(--fg); font: 14px/1.5 var(--sans); }
        code { font-family: var(--mono); font-size: 12.5px; }
        header { margin-bottom: 18px; }
        .brand { font: 600 12px/1 var(--sans); letter-spacing: .14em; text-transform: uppercase; color: var(--blocked); }
        h1 { font-size: 26px; margin: 6px 0 4px; letter-spacing: -.01em; }
        h2 { font-size: 18px; margin: 0 0 6px; }
        h3 { font-size: 13px; margin: 22px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; }
        .sub { color: var(--muted); margin: 0; }
        .file { font-family: var(--mono); font-size: 16px; }
        .policy { display: inline-block; font: 600 12px/1.6 var(--mono); padding: 0 7px; border-radius: 5px;
          background: var(--faint); border: 1px solid var(--rule); color: var(--fg); }
        .status { display: inline-block; font: 600 11.5px/1.6 var(--sans); padding: 0 8px; border-radius: 999px; margin-left: 6px; }
        .status-ok { background: color-mix(in srgb, var(--ok) 16%, transparent); color: var(--ok); }
        .status-mismatch { background: color-mix(in srgb, var(--err) 16%, transparent); color: var(--err); }
        .status-invariant { background: color-mix(in srgb, var(--inv) 16%, transparent); color: var(--inv); }
        .status-invalid { background: color-mix(in srgb, var(--invalid) 16%, transparent); color: var(--invalid); }
        section { background: var(--panel); border: 1px solid var(--rule); border-radius: 12px;
          padding: 18px 20px; margin: 16px 0; box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
        .legend { border: 1px solid var(--rule); border-radius: 12px; padding: 8px 16px; margin: 14px 0;
          background: var(--panel); }
        .legend summary { cursor: pointer; color: var(--muted); font-size: 12.5px; }
        .legend p { color: var(--muted); margin: 6px 0; max-width: 130ch; font-size: 12.5px; }
        ul.keys { list-style: none; padding: 0; margin: 2px 0 4px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
        ul.keys li { display: flex; align-items: center; gap: 6px; color: var(--muted); font-size: 12.5px; }
        ul.keys li.key-differs .differs-mark { display: inline-block; width: 20px; text-align: center; font-size: 15px; }
        .written { color: var(--muted); font-size: 12.5px; margin: -6px 0 12px; }
        .desc { color: var(--muted); max-width: 120ch; margin: 2px 0 14px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 4px 0 16px; }
        .card { border: 1px solid var(--rule); border-radius: 10px; padding: 9px 12px; min-width: 220px; flex: 1 1 220px;
          max-width: 520px; background: var(--band-b); }
        .card-head { display: flex; align-items: center; flex-wrap: wrap; gap: 4px; }
        .card p, .card ul { margin: 6px 0 0; font-size: 12.5px; }
        .none { color: var(--muted); }
        .invalid-msg { color: var(--invalid); font-size: 12.5px; margin-left: 8px; }
        ul.findings { padding-left: 0; list-style: none; }
        ul.findings li { padding: 1px 0 1px 14px; position: relative; }
        ul.findings li::before { content: ""; position: absolute; left: 0; top: 8px; width: 8px; height: 8px; border-radius: 50%; }
        ul.findings li.unexpected::before { background: var(--inv); }
        ul.findings li.expected::before { border: 2px solid var(--inv); width: 8px; height: 8px; }
        ul.findings li.missed::before { border: 2px dashed var(--err); }
        .verdict { color: var(--muted); }
        .unexpected .verdict { color: var(--inv); font-weight: 600; }
        .scroll { overflow-x: auto; }
        table.cmp { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 12.5px; }
        table.cmp th { position: sticky; top: 0; background: var(--panel); text-align: left; font-weight: 600;
          padding: 6px 10px; border-bottom: 2px solid var(--rule); white-space: nowrap; }
        table.cmp td { padding: 4px 10px; border-bottom: 1px solid var(--faint); vertical-align: top; }
        table.cmp td code { white-space: pre-wrap; overflow-wrap: break-word; }
        table.cmp td.label code { white-space: pre; }
        table.cmp td.label { width: 1%; white-space: nowrap; }
        table.cmp td.expected { max-width: 30ch; }
        table.cmp td.cell { min-width: 12ch; border-left: 1px solid var(--faint); }
        table.cmp td.merged { background: var(--band-b); box-shadow: inset 0 0 0 1px var(--faint); }
        tr.differs td.merged { background: var(--differs); }
        td.num, th.num { text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; width: 3em; }
        td.mark, th.mark { width: 1.6em; text-align: center; padding: 4px 2px; font-weight: 700; color: var(--differs-rule); }
        tr.differs td { background: var(--differs); }
        tr.differs td.mark { box-shadow: inset 3px 0 0 var(--differs-rule); }
        tr.extra td.label code { color: var(--muted); font-style: italic; }
        .plus { color: var(--muted); font-weight: 700; }
        td.expected code { color: var(--muted); }
        td.cell.error code { color: var(--err); }
        td.cell.blocked code { color: var(--blocked); }
        td.cell.event code { color: var(--signal); font-weight: 600; }
        td.cell.fired code { color: var(--inv); }
        td.cell.absent code, td.cell.absent { color: var(--muted); }
        td.cell.invalid { color: var(--invalid); }
        .invalid-tag { display: inline-block; font: 700 10.5px/1.5 var(--sans); text-transform: uppercase; letter-spacing: .05em;
          color: #fff; background: var(--invalid); border-radius: 4px; padding: 0 5px; }
        .notrun { color: var(--muted); }
        .x { color: var(--inv); font-weight: 700; }
        td.contradicts { box-shadow: inset 0 -2px 0 color-mix(in srgb, var(--inv) 55%, transparent); }
        .differs-mark { color: var(--differs-rule); font-weight: 700; }
        figure.timeline { margin: 0 0 14px; border: 1px solid var(--rule); border-radius: 10px; overflow: hidden; }
        figure.timeline figcaption { padding: 8px 12px; background: var(--band-b); border-bottom: 1px solid var(--rule);
          display: flex; align-items: center; }
        .file-error { color: var(--invalid); }
        footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 26px; }
        a { color: var(--blocked); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .overview-table td { white-space: nowrap; }
        .overview-table td.home .status { box-shadow: 0 0 0 1.5px currentColor; }

        svg.tl { display: block; }
        svg.key { display: inline-block; flex: none; }
        .tl text { font-family: var(--mono); }
        .tl-kernel-band { fill: var(--kband); }
        .tl-band-a { fill: var(--band-a); }
        .tl-band-b { fill: var(--band-b); }
        .tl-gutter { fill: var(--panel); }
        .tl-gutter-rule { stroke: var(--rule); stroke-width: 1; }
        .tl-gap-bg { fill: var(--gap); }
        .tl-gap-hatch { stroke: var(--gap-hatch); stroke-width: 2; }
        .tl-gap-key { fill: var(--gap); stroke: var(--gap-hatch); stroke-dasharray: 3 2; }
        .tl-lane { stroke: var(--rule); stroke-width: 2; stroke-linecap: round; }
        .tl-lane-kernel { stroke-dasharray: 2 4; }
        .tl-lane-name { font: 700 14px var(--sans) !important; fill: var(--fg); }
        .tl-lane-name-kernel { font: italic 600 12.5px var(--sans) !important; fill: var(--kernel); }
        .tl-lane-note { font: 11px var(--sans) !important; fill: var(--muted); }
        .tl-label { font-size: 11.5px; fill: var(--fg); }
        .tl-label-signal { fill: var(--signal); font-weight: 700; }
        .tl-label-inv { fill: var(--inv); font-weight: 700; }
        .tl-label-invalid { fill: var(--invalid); font-weight: 700; }
        .tl-label-kernel { fill: var(--kernel); }
        .tl-sub { font-size: 10.5px; fill: var(--muted); }
        .tl-sub-err { fill: var(--err); font-weight: 600; }
        .tl-sub-blocked { fill: var(--blocked); }
        .tl-sub-inv { fill: var(--inv); }
        .tl-dot { stroke: var(--panel); stroke-width: 1.5; }
        .tl-ok { fill: var(--ok); }
        .tl-err { fill: var(--err); }
        .tl-blocked { fill: var(--blocked); }
        .tl-resumed { fill: var(--panel); stroke: var(--blocked); stroke-width: 2.2; }
        .tl-dot-core { stroke: none; }
        .tl-still { fill: var(--panel); stroke: var(--inv); stroke-width: 2; stroke-dasharray: 3 2; }
        .tl-signal { fill: var(--signal); stroke: var(--panel); stroke-width: 1.2; }
        .tl-exit { fill: var(--muted); }
        .tl-killed { stroke: var(--inv); stroke-width: 2.6; stroke-linecap: round; }
        .tl-inv { fill: var(--inv); stroke: var(--panel); stroke-width: 1.5; }
        .tl-inv-expected { fill: var(--panel); stroke: var(--inv); stroke-width: 2.2; }
        .tl-bang { font: 800 12px var(--sans) !important; fill: #fff; text-anchor: middle; }
        .tl-bang-expected { fill: var(--inv); }
        .tl-inv-rule { stroke: var(--inv); stroke-width: 1.5; opacity: .45; }
        .tl-inv-rule-expected { stroke-dasharray: 4 3; }
        .tl-invalid-rule { stroke: var(--invalid); stroke-width: 1.5; stroke-dasharray: 2 3; opacity: .7; }
        .tl-invalid { fill: var(--invalid); }
        .tl-clock { fill: var(--panel); stroke: var(--kernel); stroke-width: 1.6; }
        .tl-clock-hands { stroke: var(--kernel); stroke-width: 1.5; stroke-linecap: round; fill: none; }
        .tl-cat { fill: var(--panel); stroke: var(--kernel); stroke-width: 1.5; }
        .tl-contradicts { fill: none; stroke: var(--inv); stroke-width: 1.6; stroke-dasharray: 2.5 2; }
        .tl-bar { fill: color-mix(in srgb, var(--blocked) 20%, transparent); stroke: var(--blocked); stroke-width: 1.2; }
        .tl-bar-hang { stroke: var(--inv); stroke-dasharray: 4 3; }
        .tl-fade-0 { stop-color: var(--blocked); stop-opacity: .28; }
        .tl-fade-1 { stop-color: var(--blocked); stop-opacity: 0; }
        .tl-bar-label { font-size: 10.5px; fill: var(--blocked); text-anchor: middle; }
        .tl-bar-label-hang { fill: var(--inv); font-weight: 700; }
        .tl-arrow { fill: none; stroke-width: 1.7; }
        .tl-arrow-signal { stroke: var(--signal); }
        .tl-arrow-wake { stroke: var(--wake); stroke-dasharray: 5 3; }
        .tl-arrow-spawn { stroke: var(--kernel); stroke-width: 1.2; }
        .tl-head-signal { fill: var(--signal); }
        .tl-head-wake { fill: var(--wake); }
        .tl-head-spawn { fill: var(--kernel); }
        .tl-origin { stroke: var(--panel); stroke-width: 1; }
        .tl-origin-wake { fill: var(--wake); }
        .tl-origin-signal { fill: var(--signal); }
        .tl-hit { fill: none; stroke: transparent; stroke-width: 10; }
        .tl-axis { stroke: var(--muted); stroke-width: 1; }
        .tl-axis-break { fill: none; stroke: var(--muted); stroke-width: 1.2; }
        .tl-time { font-size: 10.5px; fill: var(--muted); }
        .tl-gap-label { font-size: 10.5px; fill: var(--kernel); font-style: italic; }
        .tl-axis-caption { font: italic 11px var(--sans) !important; fill: var(--muted); }
        .tl-mark:hover .tl-label { text-decoration: underline; }
        """;
}
