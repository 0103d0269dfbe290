// Help texts of `nianbao` (Chinese first, English keywords kept for the options themselves).

export const MAIN_HELP = `nianbao — 政府信息公开工作年度报告检查工具 (checker for government information-disclosure annual reports)

用法 (usage):
  nianbao check [--format text|json|sarif] [--encoding auto|utf-8|gb18030] [--rule CODE=off|info|warning|error]...
                [--config FILE] [--plugin] [--baseline FILE [--write-baseline]] PATH...
  nianbao fix   [--write | --stdout] [--encoding auto|utf-8|gb18030] [--rule CODE=SEVERITY]... [--config FILE] [--plugin] PATH...
  nianbao explain CODE
  nianbao show [--format text|json] [--encoding auto|utf-8|gb18030] FILE
  nianbao new --from FILE [--year YEAR] [--out FILE]
  nianbao convert --to cells|rows|markdown|2021 [--write] [--encoding auto|utf-8|gb18030] FILE
  nianbao export --to docx|html [--out FILE] [--encoding auto|utf-8|gb18030] FILE
  nianbao report --out FILE [--encoding …] [--rule CODE=SEVERITY]... [--config FILE] [--plugin] PATH...
  nianbao --help | --version
  nianbao <command> --help

PATH 可以是文件、目录（递归查找 .txt 和 .md，跳过 node_modules 和以 . 开头的目录；目录中不是年报的文件
静默跳过，但目录里一份年报也没有时报错），或 - 表示标准输入。

配置文件 (config): 每份年报使用其所在目录或上级目录中最近的 .nianbao.json（可带注释的 JSON：rules、
extends、ignores、overrides、customRules、plugins、baseline）；--rule 优先于配置文件。配置文件有错时
报告原因（路径:行:列）并以状态 2 退出。详见 docs/config.md。

文件大小、网页嵌套层数、表格单元格数等有上限（见 README.md “Limits”）：超出上限的文件报告一行
“超出限制 …”并以状态 2 退出，其他文件照常检查。

退出状态 (exit status): 0 没有“错误”级别的问题；1 至少一个；2 用法错误或读写错误（信息写在 stderr）。
`;

export const CHECK_HELP = `用法 (usage): nianbao check [选项] PATH...

检查年报：章节、表格、总计、勾稽关系、年份、正文数字与表格是否一致。

选项 (options):
  --format text|json|sarif   输出格式（默认 text）
                             text：每个问题一行 \`路径:行:列  级别  说明  [代码]\`，行列从 1 起，
                                   列按 UTF-16 码元计（与编辑器一致），最后一行是汇总；
                             json：{ files: [{ path, encoding, report, diagnostics }] }；
                             sarif：SARIF 2.1.0，可直接上传到代码扫描平台。
  --encoding auto|utf-8|gb18030
                             读取编码（默认 auto：UTF-8（可带 BOM），不是有效 UTF-8 时按 GB18030；
                             带 BOM 的 UTF-16 总能识别）
  --rule CODE=LEVEL          改变某条规则的级别：off、info、warning、error；可重复（优先于配置文件）
  --config FILE              对所有年报使用这个配置文件，不再查找 .nianbao.json
  --plugin                   加载配置文件 plugins 中列出的规则模块（插件是可执行代码，只对信任的目录使用）
  --baseline FILE            已接受问题的基线文件：其中记录的问题不再计为问题（text/json 中不显示，
                             SARIF 中标为 baselineState "unchanged" 并带 suppressions），只报告新问题；
                             默认使用配置文件的 baseline 项
  --write-baseline           把当前全部问题写入基线文件（接受它们），退出状态 0
  -h, --help                 显示本帮助

标准输出只有检查结果；错误信息写到标准错误。
退出状态：0 没有错误级别的问题；1 至少一个；2 用法错误或读写错误。
`;

export const FIX_HELP = `用法 (usage): nianbao fix [--write | --stdout] [选项] PATH...

应用“全部修复”中的安全修复：按表内数据重算总计（表三各行总计、（七）总计，表四总计），把章节标题
改为规范写法。只改数字和标题文字，不增删行；缺失的章节或表格需要人工补全，不会自动插入。

模式 (modes):
  （不带参数）               试运行 (dry run)：在标准输出列出将要做的修改，不写任何文件
  --write                    就地改写文件，保持原编码（UTF-8/GB18030/UTF-16）、BOM 和换行符；
                             没有可修改之处的文件不会被改写（内容和修改时间都不变）；
                             先写入同一目录下的临时文件再改名替换，中断时不会留下半个文件；
                             读取之后文件在磁盘上被改动过的，不覆盖，报告原因（退出状态 2）；
                             在标准输出列出做了哪些修改
  --stdout                   把修复后的全文写到标准输出（只接受一个文件；编码、BOM 与原文件相同）

其他选项 (options):
  --encoding auto|utf-8|gb18030   读取编码，同 check
  --rule CODE=LEVEL               关闭（off）的规则不做修复（例如 row-total=off 时不改各行总计）
  --config FILE, --plugin         同 check
  -h, --help                      显示本帮助

退出状态：0 修复后没有错误级别的问题；1 修复后仍有错误（例如勾稽关系不平衡，需人工核对输入数字，
用 nianbao check 查看）；2 用法错误或读写错误。
`;

export const EXPLAIN_HELP = `用法 (usage): nianbao explain CODE

显示规则 CODE 的说明文档：检查什么、为什么（法律依据）、错误示例、正确示例、能否自动修复。
未知的规则代码：退出状态 2，并列出全部规则代码。
`;

export const SHOW_HELP = `用法 (usage): nianbao show [--format text|json] [--encoding auto|utf-8|gb18030] FILE

显示 nianbao 从文件中读到了什么：标题、机关、年度、格式、表格的排版（cells 一格一行、rows 一行一行、
markdown、html 网页、run-together 数字连写的网页文字），以及每张表的行、列、数字和它们在文件中的位置
（行:列，从 1 起）。文件可以是 .txt、.md、.html/.htm。

选项 (options):
  --format text|json   输出格式（默认 text）；json：{ path, encoding, title, agency, year, format, layout,
                       sections: [{ index, heading, line, column }], tables: [{ id, name, format, columns:
                       [{ key, label }], rows: [{ key, label, columns, line, column, cells: [{ key, raw,
                       value, line, column, endLine, endColumn }] }] }], notes: [{ code, message, line, column }] }
  --encoding auto|utf-8|gb18030   读取编码（同 check）
  -h, --help           显示本帮助
`;

export const NEW_HELP = `用法 (usage): nianbao new --from FILE [--year YEAR] [--out FILE]

由上一年度的报告生成本年度报告的草稿（2021 年格式）：标题、机关、年度和统计期间改为新的年度；
表三“二、上年结转”取上年的“四、结转下年度继续办理”；表二的现行有效件数沿用上年；其余数字为 0；
总体情况、存在的主要问题、其他需要报告的事项保留上年的文字并把年份顺延，供改写
（用 nianbao check 检查时，正文中与表格不符的数字都会被指出）。

选项 (options):
  --from FILE     上一年度的报告（.txt、.md、.html）
  --year YEAR     新报告的年度（默认：上年报告的年度加 1）
  --out FILE      写入这个文件（已存在时不覆盖）；不给时输出到标准输出
`;

export const CONVERT_HELP = `用法 (usage): nianbao convert --to cells|rows|markdown|2021 [--write] [--encoding auto|utf-8|gb18030] FILE

把年报中的统计表（表二、表三、表四）改排成另一种排法，行名、表头和每个数字原样保留，正文和标题不动：
  cells      每格一行（从网页复制的样子）
  rows       每行一行，单元格用制表符分隔（可直接粘贴进 Word 或 Excel 表格）
  markdown   Markdown 表格
表头按官方格式重写。表格有结构问题（缺行、多余数字等）、或转换后读出的数字或检查结果会变时，该表
保持原样，并在 stderr 说明原因。
或者把 2019 年格式的表格改为 2021 年格式：
  2021       表二、表三改为 2021 年的行和列：有确定对应关系的格照抄，没有对应的格填 0，并在 stderr
             逐项列出需要按实际填写的格（没有 2019 年格式的表格时原样输出）

选项 (options):
  --to cells|rows|markdown|2021   目标排法或 2021 年格式（必填）
  --write                    写回原文件（按原编码、BOM 和换行符；先写临时文件再替换，不会留下半个文件）；
                             不加时把转换后的全文输出到 stdout
  --encoding auto|utf-8|gb18030   读取编码（同 check）
  -h, --help                 显示本帮助

退出状态 (exit status): 0 全部转换（或已是该排法、该格式）；1 有表格未转换（原因见 stderr）；2 用法或读写错误。
`;

export const EXPORT_HELP = `用法 (usage): nianbao export --to docx|html [--out FILE] [--encoding auto|utf-8|gb18030] FILE

把年报导出为 Word 文档（.docx）或网页（.html）：标题、各部分标题、正文段落，以及按官方格式排版的
表二、表三、表四（表头和分组单元格合并，与纸面一致）。网页是单个文件（样式写在文件内，不引用任何外部资源），
可直接上传或粘贴进网站编辑器。FILE 可以是任何 nianbao 能读的年报（.txt、.md、.html、.docx）。

选项 (options):
  --to docx|html   导出格式（必填）
  --out FILE       写到这个文件（先写临时文件再替换）；不加时写到 FILE 旁边，换成 .docx 或 .html 扩展名
                   （与原文件同名时报错，不覆盖原文件）；--out - 输出到 stdout
  --encoding auto|utf-8|gb18030   读取编码（同 check）
  -h, --help       显示本帮助

退出状态 (exit status): 0 已导出；1 已导出，但有表格存在结构问题（说明见 stderr）；2 用法或读写错误。
`;

export const REPORT_HELP = `用法 (usage): nianbao report --out FILE [选项] PATH...

生成供审阅用的年报汇总页（一个网页文件）：每份年报的状态（有错误/有警告/有提示/无问题）和各规则的
问题数；每个机关历年“本年新收”“予以公开”“结转下年度”的小图（内嵌 SVG）和数字表；每个问题一行，
链接到所在文件（行:列）。年报按 nianbao check 的方式检查（配置文件、--rule，以及同一机关跨年度的
上年结转等核对）。网页是单个文件：样式写在文件内，没有脚本，不引用任何外部资源，可直接打印。

选项 (options):
  --out FILE       写到这个文件（先写临时文件再替换，必填）；--out - 输出到 stdout。
                   链接按 FILE 所在目录写成相对路径，移动网页时请连同年报一起移动
  --encoding auto|utf-8|gb18030   读取编码（同 check）
  --rule CODE=off|info|warning|error   调整规则级别（同 check）
  --config FILE    使用这个配置文件（同 check）
  --plugin         加载配置文件中的插件规则（同 check）
  -h, --help       显示本帮助

退出状态 (exit status): 0 已生成，没有“错误”级别的问题；1 已生成，至少一个错误；2 用法或读写错误
（能读的年报仍写进汇总页）。
`;
