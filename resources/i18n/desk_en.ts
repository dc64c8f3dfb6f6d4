<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountEditor</name>
    <message>
        <source>新建账号</source>
        <translation>New Account</translation>
    </message>
    <message>
        <source>编辑账号</source>
        <translation>Edit Account</translation>
    </message>
    <message>
        <source>（无单位）</source>
        <translation>(no unit)</translation>
    </message>
    <message>
        <source>登录名：</source>
        <translation>Login:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>确认密码：</source>
        <translation>Confirm password:</translation>
    </message>
    <message>
        <source>密码至少 {count} 个字符，且不能与登录名相同。</source>
        <translation>At least {count} characters, and not the same as the login.</translation>
    </message>
</context>
<context>
    <name>AcknowledgementsBox</name>
    <message>
        <source>把前一级审核人写的理由填入尚未填写的处理理由，可再修改</source>
        <translation>Fill each blank reason with the one the previous level wrote; you can still edit it</translation>
    </message>
    <message>
        <source>提醒 {count} 处：请逐条写明处理理由</source>
        <translation>{count} warning(s): give a reason for each</translation>
    </message>
    <message>
        <source>沿用前一级理由（{count} 处）</source>
        <translation>Use the previous level's reasons ({count})</translation>
    </message>
    <message>
        <source>在编辑器中选中</source>
        <translation>Select it in the editor</translation>
    </message>
    <message>
        <source>处理理由（必填）</source>
        <translation>How handled (required)</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>账号与单位管理</source>
        <translation>Accounts and Units</translation>
    </message>
    <message>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新建账号…</source>
        <translation>New Account…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset Password…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>分管领导</source>
        <translation>Leader in charge</translation>
    </message>
    <message>
        <source>新建单位…</source>
        <translation>New Unit…</translation>
    </message>
    <message>
        <source>设置分管领导…</source>
        <translation>Set Leader in Charge…</translation>
    </message>
    <message>
        <source>委托人</source>
        <translation>Delegator</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>起止时间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>等待自</source>
        <translation>Waiting since</translation>
    </message>
    <message>
        <source>新建代理…</source>
        <translation>New Delegation…</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>代理</source>
        <translation>Delegations</translation>
    </message>
    <message>
        <source>停滞稿件</source>
        <translation>Stalled Drafts</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>账号不存在</source>
        <translation>No such account</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
</context>
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
    <name>ChangesToRead</name>
    <message>
        <source>自您上次处理（第 {since} 版）以来，{editors}修改了稿件</source>
        <translation>Changed by {editors} since you last acted (revision {since})</translation>
    </message>
    <message>
        <source>审核中{editors}修改了提交的稿件（第 {since} 版）</source>
        <translation>{editors} corrected the submitted text during review (revision {since})</translation>
    </message>
    <message>
        <source>修订记录</source>
        <translation>Revisions</translation>
    </message>
</context>
<context>
    <name>DelegationForm</name>
    <message>
        <source>新建代理</source>
        <translation>New Delegation</translation>
    </message>
    <message>
        <source>代理自确定时起生效，至截止日期当天结束；可随时撤销。</source>
        <translation>A delegation starts when confirmed and ends with its end date; it can be revoked at any time.</translation>
    </message>
    <message>
        <source>委托人：</source>
        <translation>Delegator:</translation>
    </message>
    <message>
        <source>代理人：</source>
        <translation>Delegate:</translation>
    </message>
    <message>
        <source>环节：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>截止日期：</source>
        <translation>Ends on:</translation>
    </message>
    <message>
        <source>事由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>请选择委托人、代理人和环节</source>
        <translation>Choose the delegator, the delegate and the level</translation>
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
        <source>屏蔽项不能忽略，必须修改后才能提交</source>
        <translation>Blocked items cannot be ignored; change them before submitting</translation>
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
        <source>显示我可见的全部在办稿件</source>
        <translation>Show all drafts in the flow I may see</translation>
    </message>
    <message>
        <source>也列出您现在不能处理、但可以查看的在办稿件（如自己起草或已审过的）</source>
        <translation>Also list the drafts in the flow you may see but can't act on now (such as your own, or those you already reviewed)</translation>
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
        <source>公开期限</source>
        <translation>Disclose by</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>已超过公开期限</source>
        <translation>Past the disclosure deadline</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>修改稿：{status}</source>
        <translation>Modification: {status}</translation>
    </message>
    <message>
        <source>没有找到符合条件的稿件</source>
        <translation>No drafts match</translation>
    </message>
    <message>
        <source>没有您可见的在办稿件</source>
        <translation>No drafts in progress that you can see</translation>
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
    <name>DraftStanding</name>
    <message>
        <source>草稿（尚未保存）</source>
        <translation>Draft (not saved yet)</translation>
    </message>
    <message>
        <source>重大事项</source>
        <translation>Major matter</translation>
    </message>
    <message>
        <source>公开期限 {date}（估算）</source>
        <translation>Disclose by {date} (estimate)</translation>
    </message>
    <message>
        <source>公开期限 {date}</source>
        <translation>Disclose by {date}</translation>
    </message>
    <message>
        <source>已发布于 {channels}（{actor}，{when}）</source>
        <translation>Published on {channels} ({actor}, {when})</translation>
    </message>
    <message>
        <source>已撤稿（{actor}，{when}，原发布于 {channels}）：{reason}</source>
        <translation>Retracted ({actor}, {when}; was published on {channels}): {reason}</translation>
    </message>
    <message>
        <source>{level}退回：{comment}{about}</source>
        <translation>Returned at {level}: {comment}{about}</translation>
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
    <name>FirstAdminDialog</name>
    <message>
        <source>创建管理员账号</source>
        <translation>Create the Administrator Account</translation>
    </message>
    <message>
        <source>可不填</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>至少 {count} 个字符</source>
        <translation>at least {count} characters</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>欢迎使用 Desk 审校台。这是首次启动，请先创建管理员账号：管理员负责添加单位和各人员的账号，管理员角色本身不参与审核。</source>
        <translation>Welcome to Desk. This is the first start: create the administrator account first. The administrator adds units and everyone's accounts; the administrator role itself takes no part in reviewing.</translation>
    </message>
    <message>
        <source>管理员本人所属的部门或科室，不是整个机关的名称。只负责维护系统的信息技术人员不必填写。填写后将新建这个单位并把您编入其中；其他单位和人员登录后在“账号与单位管理”中添加。</source>
        <translation>The department or section you yourself belong to, not the name of the whole organisation. IT staff who only look after the system leave it empty. If filled in, this unit is created and you are placed in it; other units and their people are added after signing in, under “Accounts and Units”.</translation>
    </message>
    <message>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>本人所在单位</source>
        <translation>Your own unit</translation>
    </message>
    <message>
        <source>请输入登录名</source>
        <translation>Enter a login</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入</source>
        <translation>The two passwords differ; please enter them again</translation>
    </message>
</context>
<context>
    <name>FlowAlert</name>
    <message>
        <source>打开账号与单位管理…</source>
        <translation>Open Accounts and Units…</translation>
    </message>
    <message>
        <source>另有 {count} 处审核环节无人</source>
        <translation>{count} more review level(s) have nobody</translation>
    </message>
    <message>
        <source>{count} 份稿件无法继续流转</source>
        <translation>{count} draft(s) can't move on</translation>
    </message>
</context>
<context>
    <name>FlowWarnings</name>
    <message>
        <source>{count} 份稿件无法继续流转，见“停滞稿件”页</source>
        <translation>{count} draft(s) can't move on; see the “Stalled Drafts” tab</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>关于 Desk 审校台</source>
        <translation>About Desk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Desk 审校台&lt;/b&gt; {version}&lt;br&gt;政务信息发布的三审三校：敏感词与链接检查、审核签发、发布登记。&lt;br&gt;&lt;br&gt;Qt {qt}，Python {python}</source>
        <translation>&lt;b&gt;Desk&lt;/b&gt; {version}&lt;br&gt;Three-level review for government publication desks: sensitive terms and links checked, reviews and sign-off, the publication register.&lt;br&gt;&lt;br&gt;Qt {qt}, Python {python}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>修订记录</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>自您上次审核（第 {number} 版）以来有改动</source>
        <translation>Changed since you last reviewed it (revision {number})</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>修改人</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>第 {number} 版</source>
        <translation>Revision {number}</translation>
    </message>
    <message>
        <source>打印审核表…</source>
        <translation>Print Approval Form…</translation>
    </message>
    <message>
        <source>导出比对 PDF…</source>
        <translation>Export Comparison PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>比较</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>与</source>
        <translation>with</translation>
    </message>
    <message>
        <source>审核表未生成：{reason}</source>
        <translation>Approval form not made: {reason}</translation>
    </message>
    <message>
        <source>第 {number} 版（{stage}）</source>
        <translation>Revision {number} ({stage})</translation>
    </message>
    <message>
        <source>打印审核表</source>
        <translation>Print Approval Form</translation>
    </message>
    <message>
        <source>审核表</source>
        <translation>approval form</translation>
    </message>
    <message>
        <source>导出比对 PDF</source>
        <translation>Export Comparison PDF</translation>
    </message>
    <message>
        <source>修改比对</source>
        <translation>comparison</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF files</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>界面语言</source>
        <translation>Interface Language</translation>
    </message>
    <message>
        <source>界面语言将改为 {language}，重启 Desk 审校台后生效。</source>
        <translation>The interface language will change to {language} when Desk is restarted.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>LeaderForm</name>
    <message>
        <source>设置分管领导</source>
        <translation>Set Leader in Charge</translation>
    </message>
    <message>
        <source>（不设分管领导）</source>
        <translation>(no leader in charge)</translation>
    </message>
    <message>
        <source>只列出有“三审签发（分管领导）”角色的启用账号。</source>
        <translation>Only active accounts with the “Sign-off (leader in charge)” role are listed.</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>分管领导：</source>
        <translation>Leader in charge:</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 Desk 审校台</source>
        <translation>Sign in to Desk</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign In</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>此数据库有账号，但没有启用的管理员，所以这里不能新建管理员；各人仍可照常登录。恢复管理员：在能写入数据文件夹的电脑上运行
desk admin recover-admin 登录名 --name 姓名
此操作记入审计日志。</source>
        <translation>This database has accounts but no active administrator, so no administrator can be created here; everyone can still sign in as usual. To recover an administrator, run on a computer that can write to the data folder:
desk admin recover-admin LOGIN --name NAME
This is recorded in the audit log.</translation>
    </message>
    <message>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>请输入登录名和密码</source>
        <translation>Enter your login and password</translation>
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
        <source>审核</source>
        <translation>Review</translation>
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
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>注销/切换账号</source>
        <translation>Sign Out / Switch Account</translation>
    </message>
    <message>
        <source>账号与单位管理…</source>
        <translation>Accounts and Units…</translation>
    </message>
    <message>
        <source>修订记录与审核表…</source>
        <translation>Revisions and Approval Form…</translation>
    </message>
    <message>
        <source>信息发布登记…</source>
        <translation>Publication Register…</translation>
    </message>
    <message>
        <source>删除稿件…</source>
        <translation>Delete Draft…</translation>
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
        <source>代 {login} 审核</source>
        <translation>Reviewing on behalf of {login}</translation>
    </message>
    <message>
        <source>您无权查看这份稿件：它尚未提交，或不在您参与或审核的范围内</source>
        <translation>You may not see this draft: it is not submitted yet, or you neither took part in it nor review it</translation>
    </message>
    <message>
        <source>正在检查稿件，请稍候再操作</source>
        <translation>The draft is being checked; please wait a moment</translation>
    </message>
    <message>
        <source>标题和正文都是空的</source>
        <translation>the title and the body are empty</translation>
    </message>
    <message>
        <source>稿件未能保存，请按提示处理后再操作</source>
        <translation>The draft could not be saved; deal with the message shown, then try again</translation>
    </message>
    <message>
        <source>退回意见所指的文字已不在稿件中</source>
        <translation>The text the comment is about is no longer in the draft</translation>
    </message>
    <message>
        <source>待我处理</source>
        <translation>Waiting for Me</translation>
    </message>
    <message>
        <source>有 {count} 份稿件等待您处理</source>
        <translation>{count} draft(s) waiting for you</translation>
    </message>
    <message>
        <source>已完成，稿件现在：{status}</source>
        <translation>Done; the draft is now: {status}</translation>
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
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>删除稿件</source>
        <translation>Delete Draft</translation>
    </message>
    <message>
        <source>确定删除稿件「{title}」吗？</source>
        <translation>Delete the draft “{title}”?</translation>
    </message>
    <message>
        <source>稿件的全部修订和未保存的内容都将删除，无法恢复；删除操作会记入日志。</source>
        <translation>All its revisions and unsaved text will be deleted and can't be restored; the deletion is recorded in the log.</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已删除稿件「{title}」</source>
        <translation>Deleted the draft “{title}”</translation>
    </message>
    <message>
        <source>导入稿件</source>
        <translation>Import Draft</translation>
    </message>
    <message>
        <source>{title}（发布稿）</source>
        <translation>{title} (for publication)</translation>
    </message>
    <message>
        <source>Word 文档</source>
        <translation>Word document</translation>
    </message>
    <message>
        <source>网页</source>
        <translation>Web page</translation>
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
        <source>只有起草人可以提交自己的草稿</source>
        <translation>Only the drafter can submit their own draft</translation>
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
        <source>稿件保存后才有修订记录</source>
        <translation>A draft has revisions once it is saved</translation>
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
        <source>当前稿件未能保存。仍要退出吗？（最近自动保存的内容会在您下次登录时提供恢复）</source>
        <translation>The current draft could not be saved. Quit anyway? (The last autosaved text will be offered to you the next time you sign in.)</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>manual.zh_CN.md</source>
        <comment>file name of the user guide in docs/</comment>
        <translation>manual.en.md</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>找不到使用说明 {path}</source>
        <translation>The user guide {path} was not found</translation>
    </message>
    <message>
        <source>外部链接不在此打开（本机可能未联网）：{url}</source>
        <translation>Links out of the guide are not opened here (this computer may be offline): {url}</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <source>重置密码</source>
        <translation>Reset Password</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>确认新密码：</source>
        <translation>Confirm new password:</translation>
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
    <name>ReadOnlyNotice</name>
    <message>
        <source>您的账号不能起草稿件。请从左侧“待我处理”打开要审核的稿件，或在“全部”中查看稿件。</source>
        <translation>Your account can't write drafts. Open a draft to review from “Waiting for me” on the left, or look at drafts under “All”.</translation>
    </message>
    <message>
        <source>您的账号不能起草或审核稿件，可在左侧“全部”中查看稿件。</source>
        <translation>Your account can't write or review drafts; you can look at drafts under “All” on the left.</translation>
    </message>
    <message>
        <source>稿件已提交，正在{status}，内容只读。</source>
        <translation>Submitted and now {status}: the text is read-only. </translation>
    </message>
    <message>
        <source>审核人处理前可以&lt;a href="{link}"&gt;撤回&lt;/a&gt;，修改后重新提交。</source>
        <translation>Until a reviewer acts you can &lt;a href="{link}"&gt;withdraw&lt;/a&gt; it, change it and submit it again.</translation>
    </message>
    <message>
        <source>如需修改，请联系审核人退回。</source>
        <translation>To change it, ask the reviewer to return it.</translation>
    </message>
    <message>
        <source>稿件正在{level}，只有该环节的审核人可以修改，内容只读。</source>
        <translation>The draft is at {level}: only that level's reviewers may change it. The text is read-only.</translation>
    </message>
    <message>
        <source>稿件已签发，内容已固定，只读。</source>
        <translation>The draft is signed off: its text is fixed and read-only.</translation>
    </message>
    <message>
        <source>如需修改，请提出修改申请。</source>
        <translation> To change it, request a modification.</translation>
    </message>
    <message>
        <source>稿件已发布，内容只读。</source>
        <translation>The draft is published: the text is read-only.</translation>
    </message>
    <message>
        <source>如需更正后重新发布，请提出修改申请。</source>
        <translation> To publish a corrected version, request a modification.</translation>
    </message>
    <message>
        <source>稿件已撤稿，内容只读。</source>
        <translation>The draft was retracted: the text is read-only.</translation>
    </message>
    <message>
        <source>这是他人的草稿，只有起草人可以修改，内容只读。</source>
        <translation>This is someone else's draft: only its drafter may change it. The text is read-only.</translation>
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
    <name>RegisterDialog</name>
    <message>
        <source>信息发布登记</source>
        <translation>Publication Register</translation>
    </message>
    <message>
        <source>按日期</source>
        <translation>By date</translation>
    </message>
    <message>
        <source>按标题或单位筛选</source>
        <translation>Filter by title or unit</translation>
    </message>
    <message>
        <source>登记号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>发布/撤稿人</source>
        <translation>Published/retracted by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>修改/撤稿理由</source>
        <translation>Reason (modified/retracted)</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>起始日期晚于结束日期</source>
        <translation>The first day is after the last day</translation>
    </message>
    <message>
        <source>只能导出为 .xlsx 或 .csv 文件</source>
        <translation>Only .xlsx or .csv files can be exported</translation>
    </message>
    <message>
        <source>登记未导出：{reason}</source>
        <translation>Register not exported: {reason}</translation>
    </message>
    <message>
        <source>无法导出到 {path}：{reason}</source>
        <translation>Cannot export to {path}: {reason}</translation>
    </message>
    <message>
        <source>已导出 {count} 条到 {path}（已按审计日志核验，链头 {head}）</source>
        <translation>Exported {count} entries to {path} (verified against the audit log, head {head})</translation>
    </message>
    <message>
        <source>共 {total} 条</source>
        <translation>{total} rows</translation>
    </message>
    <message>
        <source>显示 {shown} / {total} 条</source>
        <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
        <source>{since}至{until}</source>
        <translation>{since} to {until}</translation>
    </message>
    <message>
        <source>导出登记</source>
        <translation>Export Register</translation>
    </message>
</context>
<context>
    <name>ReviewHistory</name>
    <message>
        <source>环节</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>（已作废）</source>
        <translation> (void)</translation>
    </message>
    <message>
        <source>渠道：{channels}</source>
        <translation>Channels: {channels}</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>重大事项（需主要领导审定）</source>
        <translation>Major matter (needs the principal's approval)</translation>
    </message>
    <message>
        <source>信息形成日期</source>
        <translation>Date formed</translation>
    </message>
    <message>
        <source>公开属性</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>不予公开的内容</source>
        <translation>Withheld content</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review opinion</translation>
    </message>
    <message>
        <source>已完成校对</source>
        <translation>Proofreading done</translation>
    </message>
    <message>
        <source>已进行保密审查，
确认不涉及国家秘密、工作秘密和敏感信息</source>
        <translation>Secrecy review done:
no state secrets, work secrets or sensitive information</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>发布渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>提交审核</source>
        <translation>Submit for Review</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Sign Off</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>申请修改…</source>
        <translation>Request Change…</translation>
    </message>
    <message>
        <source>撤稿…</source>
        <translation>Retract…</translation>
    </message>
    <message>
        <source>审核人处理前，把稿件撤回为草稿，修改后重新提交</source>
        <translation>Until a reviewer acts, take the draft back to change it and submit it again</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>申请修改</source>
        <translation>Request Change</translation>
    </message>
    <message>
        <source>撤稿</source>
        <translation>Retract</translation>
    </message>
    <message>
        <source>意见或理由（必填）：</source>
        <translation>Opinion or reason (required):</translation>
    </message>
    <message>
        <source>正在进行的修改（{status}）将随撤稿中止审核，审核记录中会写明。撤稿后，起草人可从当前文本重新申请修改，再次送审发布。</source>
        <translation>The modification under way ({status}) stops with the retraction, and the history says so. After the retraction the drafter can request a modification again from the current text and send it through review to publish.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SignedInLabel</name>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>已登录：{person}
单位：{unit}
角色：{roles}
注销/切换账号：{keys}</source>
        <translation>Signed in: {person}
Unit: {unit}
Roles: {roles}
Sign out / switch account: {keys}</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <source>新建单位</source>
        <translation>New Unit</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Desk 审校台已锁定。请输入 {name}（{login}）的密码解锁。</source>
        <translation>Desk is locked. Enter the password of {name} ({login}) to unlock.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换账号</source>
        <translation>Switch Account</translation>
    </message>
    <message>
        <source>保存正在编辑的稿件，换一个账号登录</source>
        <translation>Save the draft being edited and sign in with another account</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>保存正在编辑的稿件，退出 Desk 审校台</source>
        <translation>Save the draft being edited and quit Desk</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
</context>
<context>
    <name>_Curtain</name>
    <message>
        <source>Desk 审校台已锁定</source>
        <translation>Desk is locked</translation>
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
        <translation>Cannot write the preview's temporary folder ({0})</translation>
    </message>
    <message>
        <source>生成预览时出错（{0}）</source>
        <translation>The preview could not be made ({0})</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>锁定至 {time}</source>
        <translation>Locked until {time}</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>提交审核</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>申请修改</source>
        <translation>Modification requested</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>撤稿</source>
        <translation>Retracted</translation>
    </message>
    <message>
        <source>中止审核</source>
        <translation>Review stopped</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>审定</source>
        <translation>Approved by the principal</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>本单位载入的节假日安排有误，期限按内置安排计算：{problem}</source>
        <translation>The holiday list loaded for this desk is broken; deadlines use the shipped schedule: {problem}</translation>
    </message>
</context>
<context>
    <name>delegations</name>
    <message>
        <source>{start} 起，直至撤销</source>
        <translation>from {start} until revoked</translation>
    </message>
    <message>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
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
        <translation>Warning</translation>
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
<context>
    <name>inbox</name>
    <message>
        <source>被退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>待一审</source>
        <translation>Awaiting first review</translation>
    </message>
    <message>
        <source>待二审</source>
        <translation>Awaiting second review</translation>
    </message>
    <message>
        <source>待签发</source>
        <translation>Awaiting sign-off</translation>
    </message>
    <message>
        <source>待审定</source>
        <translation>Awaiting final approval</translation>
    </message>
    <message>
        <source>待发布</source>
        <translation>Ready to publish</translation>
    </message>
    <message>
        <source>其他在办稿件</source>
        <translation>Other drafts in the flow</translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <source>一审</source>
        <translation>First review</translation>
    </message>
    <message>
        <source>二审</source>
        <translation>Second review</translation>
    </message>
    <message>
        <source>三审签发</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <source>主要领导审定</source>
        <translation>Principal's approval</translation>
    </message>
</context>
<context>
    <name>retraction</name>
    <message>
        <source>目前无人能撤稿：请管理员为「{unit}」设置分管领导</source>
        <translation>Nobody can retract this yet: ask the administrator to set the leader in charge of “{unit}”</translation>
    </message>
    <message>
        <source>如需撤稿，请联系分管领导 {names}（{level}）</source>
        <translation>To retract it, ask the leader in charge: {names} ({level})</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>信息发布联络员</source>
        <translation>Information liaison (drafter)</translation>
    </message>
    <message>
        <source>一审（工作人员）</source>
        <translation>First review (staff)</translation>
    </message>
    <message>
        <source>二审（处/科室负责人）</source>
        <translation>Second review (section chief)</translation>
    </message>
    <message>
        <source>三审签发（分管领导）</source>
        <translation>Sign-off (leader in charge)</translation>
    </message>
    <message>
        <source>审定（主要领导）</source>
        <translation>Final approval (principal)</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>signed_in</name>
    <message>
        <source>Desk 审校台 — {who}</source>
        <translation>Desk — {who}</translation>
    </message>
</context>
<context>
    <name>stages</name>
    <message>
        <source>起草</source>
        <translation>Drafting</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publishing</translation>
    </message>
</context>
<context>
    <name>stalls</name>
    <message>
        <source>一审</source>
        <translation>first review</translation>
    </message>
    <message>
        <source>二审</source>
        <translation>second review</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>sign-off</translation>
    </message>
    <message>
        <source>审定</source>
        <translation>final approval</translation>
    </message>
    <message>
        <source>请管理员为「{unit}」设置分管领导</source>
        <translation>ask the administrator to set the leader in charge of “{unit}”</translation>
    </message>
    <message>
        <source>请管理员为主要领导的账号加上“{role}”角色</source>
        <translation>ask the administrator to give the principal leader's account the role “{role}”</translation>
    </message>
    <message>
        <source>请管理员为「{unit}」的人员加上“{role}”角色</source>
        <translation>ask the administrator to give someone in “{unit}” the role “{role}”</translation>
    </message>
    <message>
        <source>稿件将停在{level}，暂无人能{act}：{advice}</source>
        <translation>The draft will stop at {level}: no one can do the {act} yet; {advice}</translation>
    </message>
    <message>
        <source>暂无人能{act}此稿：{advice}</source>
        <translation>No one can do the {act} of this draft yet: {advice}</translation>
    </message>
    <message>
        <source>请管理员为{level}设置代理人，或增加{level}人员</source>
        <translation>ask the administrator to set a delegate for {level}, or to add a reviewer for {level}</translation>
    </message>
    <message>
        <source>稿件到{level}时，该环节的审核人都参与过本稿件（审稿分离）：{advice}</source>
        <translation>At {level}, every reviewer of that level has worked on this draft (separation of duties): {advice}</translation>
    </message>
    <message>
        <source>{level}的审核人都参与过本稿件，按审稿分离不能审核：{advice}</source>
        <translation>Every {level} reviewer has worked on this draft and may not review it (separation of duties): {advice}</translation>
    </message>
    <message>
        <source>无人能{act}</source>
        <translation>No one for the {act}</translation>
    </message>
    <message>
        <source>审核人均须回避（审稿分离）</source>
        <translation>Every reviewer is barred (separation of duties)</translation>
    </message>
    <message>
        <source>「{unit}」没有分管领导，稿件无人签发：请在“单位”页选中「{unit}」，点“设置分管领导…”，选一位有“{role}”角色的账号</source>
        <translation>“{unit}” has no leader in charge, so nobody signs its drafts: on the “Units” tab select “{unit}”, click “Set Leader in Charge…” and choose an account with the role “{role}”</translation>
    </message>
    <message>
        <source>没有主要领导账号，重大事项无人审定：请在“账号”页为主要领导加上“{role}”角色</source>
        <translation>There is no principal leader, so nobody approves major matters: on the “Accounts” tab give the principal leader the role “{role}”</translation>
    </message>
    <message>
        <source>「{unit}」没有{level}人员：请在“账号”页为「{unit}」的人员加上“{role}”角色</source>
        <translation>“{unit}” has no one for {level}: on the “Accounts” tab give someone in “{unit}” the role “{role}”</translation>
    </message>
    <message>
        <source>请联系管理员{names}</source>
        <translation>Ask the administrator{names}</translation>
    </message>
    <message>
        <source>您有“{role}”角色，但还不是任何单位的分管领导，待签发的稿件不会送到您这里。{ask}，在“账号与单位管理”的“单位”页把您设为分管领导。</source>
        <translation>You have the “{role}” role but are not yet the leader in charge of any unit, so no draft comes to you for signing. {ask} to set you as a unit's leader in charge on the Units page of Accounts and Units.</translation>
    </message>
    <message>
        <source>您有“{role}”角色，但账号没有所属单位，待{level}的稿件不会送到您这里。{ask}，为您的账号设置所属单位。</source>
        <translation>You have the “{role}” role but your account has no unit, so no draft comes to you for {level}. {ask} to set your account's unit.</translation>
    </message>
</context>
<context>
    <name>statuses</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待一审</source>
        <translation>First review</translation>
    </message>
    <message>
        <source>待二审</source>
        <translation>Second review</translation>
    </message>
    <message>
        <source>待签发</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <source>待审定</source>
        <translation>Final approval</translation>
    </message>
    <message>
        <source>待发布</source>
        <translation>Ready to publish</translation>
    </message>
    <message>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>已撤稿</source>
        <translation>Retracted</translation>
    </message>
    <message>
        <source>已发布（修改中）</source>
        <translation>Published (being modified)</translation>
    </message>
    <message>
        <source>被退回</source>
        <translation>Returned</translation>
    </message>
</context>
</TS>