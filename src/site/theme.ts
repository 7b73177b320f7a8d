// The site's colours, light and dark (following prefers-color-scheme), and the reference page's
// layout: sidebar, prose column, and per operation a code panel that is only as tall as the
// operation it belongs to (no empty dark column beside the introduction).
import { HEADER_HEIGHT, MONO_FONTS } from './layout.js';

export const THEME_CSS = `
:root{color-scheme:light dark;
--bg:#ffffff;--fg:#1f2933;--muted:#52606d;--border:#e1e5ea;--soft:#f5f7fa;--link:#1d5fb0;
--inline-code-bg:#eef1f4;--inline-code-fg:#9b2226;--panel-bg:#1d2731;--panel-fg:#e6eaee;--panel-muted:#a9b4bf;--panel-border:#33414e;
--code-bg:#111a22;--j-key:#8fc6ff;--j-str:#b5e48c;--j-num:#ffc971;--j-lit:#f4a6ff;
--ok:#1b7f3b;--error:#b3261e;--redirect:#8a5a00;--get:#1b7f3b;--post:#1d5fb0;--put:#8a5a00;--patch:#6b3fa0;--delete:#b3261e;
--flash:#fff3bf;--focus:#1d5fb0;--required:#b3261e}
@media (prefers-color-scheme:dark){:root{
--bg:#11171d;--fg:#e3e8ed;--muted:#a3afbb;--border:#2a3540;--soft:#161e26;--link:#8cc2ff;
--inline-code-bg:#1f2a35;--inline-code-fg:#ffb3a7;--panel-bg:#0b1015;--panel-fg:#e6eaee;--panel-muted:#a9b4bf;--panel-border:#26313c;
--code-bg:#05080b;--ok:#5fd38a;--error:#ff8a80;--redirect:#ffc971;--get:#5fd38a;--post:#8cc2ff;--put:#ffc971;--patch:#d0a8ff;--delete:#ff8a80;
--flash:#3d3514;--focus:#8cc2ff;--required:#ff8a80}}
body{background:var(--bg);color:var(--fg)}
a{color:var(--link)}
code{font-family:${MONO_FONTS};font-size:.88em}
:not(pre)>code{background:var(--inline-code-bg);color:var(--inline-code-fg);padding:1px 5px;border-radius:4px}
`;

export const REFERENCE_CSS = `
.layout{display:flex;align-items:flex-start}
.sidebar{position:sticky;top:${HEADER_HEIGHT}px;flex:0 0 270px;height:calc(100vh - ${HEADER_HEIGHT}px);overflow-y:auto;background:var(--soft);border-right:1px solid var(--border);font-size:14px}
.search{position:sticky;top:0;background:var(--soft);padding:12px;border-bottom:1px solid var(--border);z-index:2}
.search input{width:100%;padding:7px 10px;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:6px}
.search input:focus{outline:2px solid var(--focus);outline-offset:0}
.search-results{list-style:none;margin:8px 0 0;padding:0;max-height:60vh;overflow-y:auto}
.search-results a{display:block;padding:6px 8px;border-radius:4px;text-decoration:none;color:var(--fg)}
.search-results a:hover,.search-results a:focus{background:var(--border)}
.result-label{display:block;font-weight:600;overflow-wrap:anywhere}
.result-error .result-label{font-family:${MONO_FONTS};font-size:13px}
.result-detail{display:block;color:var(--muted);font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.no-results{padding:6px 8px;color:var(--muted)}
.toc,.toc ul{list-style:none;margin:0;padding:0}
.toc{padding:8px 0 24px}
.toc a{display:flex;gap:8px;align-items:baseline;padding:5px 16px;color:var(--fg);text-decoration:none}
.toc a:hover,.toc a:focus{background:var(--border)}
.toc-tag>a{font-weight:600;margin-top:6px}
.toc-tag ul a{padding-left:24px}
.method{display:inline-block;min-width:42px;font:600 11px/1.6 ${MONO_FONTS};text-transform:uppercase;text-align:center;border-radius:3px;padding:0 4px;color:#fff;background:var(--get)}
.method.post{background:var(--post)}.method.put{background:var(--put)}.method.patch{background:var(--patch)}.method.delete{background:var(--delete)}
@media (prefers-color-scheme:dark){.method{color:#0b1015}}
#content{flex:1;min-width:0}
#content [id]{scroll-margin-top:${HEADER_HEIGHT + 8}px}
.prose{max-width:820px;padding:32px 40px;line-height:1.6}
.intro h1{font-size:30px;margin:0 0 8px}
.intro .version{font-size:14px;font-weight:500;color:var(--muted);border:1px solid var(--border);border-radius:10px;padding:1px 8px;vertical-align:middle}
.intro .lead{font-size:18px;color:var(--muted);margin-top:0}
.intro h2{font-size:20px;margin:28px 0 8px}
.servers{padding-left:20px}
.tag-section{padding:32px 40px 8px;border-top:1px solid var(--border)}
.tag-section h2{font-size:24px;margin:0 0 6px}
.operation{border-top:1px solid var(--border)}
.op-title{font-size:22px;margin:0;padding:28px 40px 6px}
.endpoint{display:flex;gap:10px;align-items:center;padding:0 40px 12px;font-size:14px;overflow-wrap:anywhere}
.endpoint .path{background:none;color:var(--fg);padding:0;font-size:14px}
.op-grid{display:grid;grid-template-columns:minmax(0,58fr) minmax(0,42fr)}
.op-main{padding:4px 40px 32px;line-height:1.55}
.op-main h4{font-size:15px;margin:22px 0 8px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.op-panel{background:var(--panel-bg);color:var(--panel-fg);padding:20px 24px 32px;min-width:0}
.op-panel h4{margin:4px 0 10px;font-size:14px;color:var(--panel-fg)}
.panel-block{margin-top:22px}
.op-panel .media-type,.op-panel .example-title{color:var(--panel-muted);font-size:12px;margin:6px 0}
.code{background:var(--code-bg);color:var(--panel-fg);border:1px solid var(--panel-border);border-radius:6px;padding:12px;margin:0 0 10px;font:12.5px/1.5 ${MONO_FONTS};white-space:pre-wrap;overflow-wrap:anywhere;max-height:460px;overflow:auto}
.code code{background:none;color:inherit;padding:0;font-size:inherit}
.j-key{color:var(--j-key)}.j-str{color:var(--j-str)}.j-num{color:var(--j-num)}.j-lit{color:var(--j-lit)}
.tab-list{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:10px}
.tab{font:600 12px/1 ${MONO_FONTS};padding:7px 10px;border-radius:5px;border:1px solid var(--panel-border);background:transparent;color:var(--panel-muted);cursor:pointer}
.tab[aria-selected=true]{background:var(--panel-fg);color:var(--panel-bg);border-color:var(--panel-fg)}
.tab:focus-visible{outline:2px solid var(--focus);outline-offset:1px}
table{border-collapse:collapse;width:100%}
.fields td{border-top:1px solid var(--border);padding:8px 10px 8px 0;vertical-align:top;font-size:14px}
.fields td.field{width:32%;min-width:120px;padding-right:14px}
.field-name{font-family:${MONO_FONTS};font-weight:600;font-size:13.5px;overflow-wrap:anywhere}
.required{display:block;color:var(--required);font-size:12px;font-weight:500}
.type{color:var(--muted);font-size:13px}
.limit{display:inline-block;font-size:12px;color:var(--muted);border:1px solid var(--border);border-radius:4px;padding:0 5px;margin:2px 0}
.description p{margin:4px 0}
.example{font-size:13px;color:var(--muted)}
.enum{font-size:13px;margin-top:4px}
details.nested{margin-top:6px}
details.nested>summary{cursor:pointer;font-size:13px;color:var(--link)}
details.nested .fields{margin-left:10px;border-left:2px solid var(--border)}
details.nested .fields td{padding-left:10px}
.response{border:1px solid var(--border);border-radius:6px;margin:10px 0}
.response>summary{cursor:pointer;padding:10px 12px;list-style-position:inside}
.response .status{font-family:${MONO_FONTS};margin-right:6px}
.response.ok .status{color:var(--ok)}.response.error .status{color:var(--error)}.response.redirect .status{color:var(--redirect)}
.response-body{padding:0 12px 12px}
.media-type{font-size:12px;color:var(--muted);margin:8px 0 4px}
/* Error type names never break inside a word: each type sits on its own line, its meaning under it. */
.enum-table,.error-catalog{margin-top:6px;font-size:13.5px}
.enum-table tr{display:block;border-top:1px solid var(--border);padding:6px 0}
.enum-table td{display:block;padding:0}
.enum-table td+td{padding:2px 0 0 14px}
.error-catalog td,.error-catalog th{border-top:1px solid var(--border);padding:6px 12px 6px 0;vertical-align:top;text-align:left}
.enum-value{white-space:nowrap;word-break:keep-all;overflow-wrap:normal}
.enum-value code{white-space:nowrap}
.error-type{text-decoration:none}.error-type:hover code{outline:1px solid currentColor}
.table-scroll{overflow-x:auto}
.retry{display:block;font-size:12px;color:var(--muted)}
.error-catalog tr:target,.error-catalog tr.flash{background:var(--flash)}
.errors{max-width:1100px;border-top:1px solid var(--border)}
@media (max-width:900px){.layout{display:block}.sidebar{position:static;height:auto;max-height:50vh;flex:none}.op-grid{grid-template-columns:1fr}.prose,.op-main,.op-title,.endpoint,.tag-section{padding-left:16px;padding-right:16px}}
.try-open,.try-send{font:600 13px/1 inherit;padding:8px 14px;border-radius:6px;border:1px solid var(--panel-fg);background:var(--panel-fg);color:var(--panel-bg);cursor:pointer}
.try-console{display:flex;flex-direction:column;gap:10px}
.try-console h4{margin:0}
.try-field{display:flex;flex-direction:column;gap:4px;font-size:12.5px;color:var(--panel-muted)}
.try-field input,.try-field select,.try-field textarea{font:12.5px ${MONO_FONTS};color:var(--panel-fg);background:var(--code-bg);border:1px solid var(--panel-border);border-radius:5px;padding:6px 8px}
.try-field input[aria-invalid=true]{border-color:var(--error)}
.field-problem{color:#ff9e95;font-size:12px;min-height:0}
.try-note,.try-pending,.try-status{font-size:13px;margin:4px 0}
.try-error{color:#ff9e95;font-size:13px}
.try-verdict{font-size:13px;margin:4px 0}.try-verdict.ok{color:#8fe3a8}.try-verdict.bad{color:#ff9e95}.try-verdict.unknown{color:var(--panel-muted)}
.try-headers summary{cursor:pointer;font-size:12.5px;color:var(--panel-muted)}
`;
