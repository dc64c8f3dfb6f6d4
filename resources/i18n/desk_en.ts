<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BodyEdit</name>
    <message>
        <source>粘贴为纯文本</source>
        <translation>Paste as Plain Text</translation>
    </message>
    <message numerus="yes">
        <source>有 %n 张图片无法读取或格式不支持，未粘贴</source>
        <translation>
            <numerusform>%n image could not be read or is not supported; it was not pasted</numerusform>
            <numerusform>%n images could not be read or are not supported; they were not pasted</numerusform>
        </translation>
    </message>
    <message>
        <source>网络图片（未下载）</source>
        <translation>Web image (not downloaded)</translation>
    </message>
</context>
<context>
    <name>DraftEditor</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>此处忽略</source>
        <translation>Ignore Here</translation>
    </message>
    <message>
        <source>忽略{span}的原因（必填，记入审校记录）：</source>
        <translation>Why ignore {span}? (required; kept in the review record):</translation>
    </message>
    <message>
        <source>未忽略：必须写明忽略原因</source>
        <translation>Not ignored: a reason is required</translation>
    </message>
    <message>
        <source>改为「{suggestion}」</source>
        <translation>Change to “{suggestion}”</translation>
    </message>
    <message>
        <source>此处忽略{span}…</source>
        <translation>Ignore {span} Here…</translation>
    </message>
</context>
<context>
    <name>DraftListPanel</name>
    <message>
        <source>我的稿件</source>
        <translation>My Drafts</translation>
    </message>
    <message>
        <source>待我处理</source>
        <translation>Waiting for Me</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>搜索标题或正文</source>
        <translation>Search titles and text</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Last Change</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>没有找到符合条件的稿件</source>
        <translation>No drafts match</translation>
    </message>
    <message>
        <source>没有等待您处理的稿件</source>
        <translation>Nothing is waiting for you</translation>
    </message>
    <message>
        <source>还没有稿件</source>
        <translation>No drafts yet</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>原文</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>未发现问题</source>
        <translation>No problems found</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Desk 审校台</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>词库加载中…</source>
        <translation>Loading word lists…</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>新建稿件</source>
        <translation>New Draft</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>导入文件…</source>
        <translation>Import File…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submit for Review</translation>
    </message>
    <message>
        <source>查找稿件</source>
        <translation>Find Drafts</translation>
    </message>
    <message>
        <source>问题列表</source>
        <translation>Problems List</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Common</translation>
    </message>
    <message>
        <source>当前稿件未能保存，仍保留在编辑器中，请先处理后再打开其他稿件。</source>
        <translation>The current draft could not be saved; it is still in the editor. Resolve this before opening another draft.</translation>
    </message>
    <message>
        <source>已保存（第 {number} 版）</source>
        <translation>Saved (revision {number})</translation>
    </message>
    <message>
        <source>导入稿件</source>
        <translation>Import Draft</translation>
    </message>
    <message>
        <source>稿件 ({patterns})</source>
        <translation>Drafts ({patterns})</translation>
    </message>
    <message>
        <source>已导入 {name}</source>
        <translation>Imported {name}</translation>
    </message>
    <message>
        <source>稿件</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>导出稿件</source>
        <translation>Export Draft</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx);;网页 (*.html)</source>
        <translation>Word document (*.docx);;Web page (*.html)</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>已恢复未保存的内容</source>
        <translation>Unsaved text restored</translation>
    </message>
    <message>
        <source>问题 ({count})</source>
        <translation>Problems ({count})</translation>
    </message>
    <message>
        <source>不能提交：{reason}</source>
        <translation>Cannot submit: {reason}</translation>
    </message>
    <message>
        <source>正在检查，请稍候</source>
        <translation>Checking, please wait</translation>
    </message>
    <message>
        <source>已保存。审核流转在配置账号和审核流程后可用。</source>
        <translation>Saved. Review routing is available once accounts and the review flow are set up.</translation>
    </message>
    <message>
        <source>词库 {entries} 条</source>
        <translation>{entries} terms</translation>
    </message>
    <message>
        <source>词库未加载</source>
        <translation>Word lists not loaded</translation>
    </message>
    <message>
        <source>词库无法加载，暂不能检查：{message}</source>
        <translation>The word lists could not be loaded, so nothing can be checked: {message}</translation>
    </message>
    <message>
        <source>当前稿件未能保存。仍要退出吗？（最近自动保存的内容会在下次启动时提供恢复）</source>
        <translation>The current draft could not be saved. Quit anyway? (The last autosaved text will be offered next time Desk starts.)</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>预览将在这里显示</source>
        <translation>The preview appears here</translation>
    </message>
    <message>
        <source>门户网站</source>
        <translation>Portal</translation>
    </message>
    <message>
        <source>移动端</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>预览未能更新：{0}</source>
        <translation>The preview could not be updated: {0}</translation>
    </message>
    <message>
        <source>预览页面无法打开：{0}</source>
        <translation>The preview page could not be opened: {0}</translation>
    </message>
    <message>
        <source>（下面仍是上一次的预览）</source>
        <translation>(the previous preview is shown below)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>恢复未保存的内容</source>
        <translation>Restore Unsaved Text</translation>
    </message>
    <message>
        <source>上次没有正常退出。下列稿件有未保存的内容，勾选要恢复的（恢复后存为新版本）：</source>
        <translation>Desk did not close normally last time. These drafts have unsaved text; tick the ones to restore (each is saved as a new revision):</translation>
    </message>
    <message>
        <source>稿件</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>自动保存于</source>
        <translation>Autosaved</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>{title}（新稿件）</source>
        <translation>{title} (new draft)</translation>
    </message>
    <message>
        <source>恢复所选</source>
        <translation>Restore Selected</translation>
    </message>
    <message>
        <source>全部放弃</source>
        <translation>Discard All</translation>
    </message>
</context>
<context>
    <name>_Rendering</name>
    <message>
        <source>页面模板有误：{0}</source>
        <translation>The page template is broken: {0}</translation>
    </message>
    <message>
        <source>无法写入预览临时文件夹（{0}）</source>
        <translation>Cannot write the preview&apos;s temporary folder ({0})</translation>
    </message>
    <message>
        <source>生成预览时出错（{0}）</source>
        <translation>The preview could not be made ({0})</translation>
    </message>
</context>
<context>
    <name>findings</name>
    <message>
        <source>屏蔽</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Warn</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>词库</source>
        <translation>Word list</translation>
    </message>
    <message>
        <source>标题规范</source>
        <translation>Headline</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>涉密标志</source>
        <translation>Classified marks</translation>
    </message>
    <message>
        <source>校对</source>
        <translation>Proofreading</translation>
    </message>
    <message>
        <source>外链</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>建议改为：</source>
        <translation>Suggested: </translation>
    </message>
    <message>
        <source>识别方式：</source>
        <translation>Matched by: </translation>
    </message>
    <message>
        <source>等</source>
        <translation> etc.</translation>
    </message>
    <message>
        <source>有 {count} 处屏蔽项：{named}</source>
        <translation>{count} blocked item(s): {named}</translation>
    </message>
    <message>
        <source>标题 </source>
        <translation>Title </translation>
    </message>
</context>
</TS>
