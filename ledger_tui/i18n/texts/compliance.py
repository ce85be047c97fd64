"""Texts of the compliance vocabulary shared by every compliance screen, command and
form: measure labels, check statuses, special-terms clauses, duties, incident kinds.
Area-specific texts (sheet, audits, incidents, close-out, obligations) live in their own
modules."""

TEXTS: dict[str, tuple[str, str]] = {
    # measures of the confirmation record sheet (確認記録票): the seeds' own words
    "measure.handlers_reported": (
        "取扱責任者及び取扱者をあらかじめ指定し、区に報告させる。",
        "The responsible person and the handlers are designated in advance and reported to the ward.",
    ),
    "measure.safe_storage": (
        "区が貸与したUSBメモリは施錠できる金庫（キャビネット）に保管させ、執務室から持ち出させない。",
        "The USB sticks lent by the ward are kept in a lockable safe (cabinet) and never taken out of the office.",
    ),
    "measure.id_during_visits": (
        "調査時には、身分証明・名札及び区からの受託業務であることがわかるものを携帯させる。",
        "On visits, identification, a name badge and proof of working on the ward's commission are carried.",
    ),
    "measure.tablet_locked_bag": (
        "調査時に使用するタブレット端末は、施錠可能なカバンに入れて持ち運びさせる。また、未使用時は、施錠付きキャビネットに保管させる。",
        "Tablets used on visits are carried in a lockable bag and kept in a locked cabinet when not in use.",
    ),
    "measure.pc_anti_theft": (
        "委託先の電磁的媒体（パソコン）は、セキュリティワイヤー又は執務室の施錠管理等による盗難防止対策を講じさせる。",
        "The contractor's PCs are protected against theft by a security wire or a locked office.",
    ),
    "measure.stick_returned": (
        "個人情報データを記録した記憶媒体（USBメモリ）は、業務終了後、区に返還させる。",
        "The storage media (USB sticks) holding personal data are returned to the ward at the end of the work.",
    ),
    "measure.erasure_certificate": (
        "電磁的媒体（受託者パソコン及びタブレット）に保管した個人情報については、受託業務の終了後、区職員立会のもとに復元できないようデータを消去し、その証明書を提出させる。",
        "Personal data kept on the contractor's PCs and tablets is erased beyond recovery in the presence of ward staff at the end of the work, and a certificate is submitted.",
    ),
    "measure.slip_confirmation": (
        "次に掲げる時には、区の職員が記録した受け渡し票の内容（日時、取扱者、情報の内容、件数）を確認させ、履歴を追跡できるようにさせる。(1) 区の職員が個人情報データ（USBメモリ）を委託先に提供する時 (2) 委託先が区から提供した個人情報データ（USBメモリ）を区の職員に返却する時",
        "The contents of the handover slip recorded by ward staff (date and time, handler, content, count) are confirmed so the history can be traced: (1) when ward staff provide personal data (USB stick) to the contractor; (2) when the contractor returns it to ward staff.",
    ),
    "measure.network_separation": (
        "委託先パソコン：外部ネットワークからの不正接続や内部からの情報漏洩がないよう、インターネットからの分割、ファイアウォール/IDS/IPS 等の保護対策を講じる。",
        "Contractor PC: separated from the internet, firewall / IDS / IPS against intrusion from outside and leaks from inside.",
    ),
    "measure.antivirus_current": (
        "委託先パソコン：ウイルス感染等がないよう、最新のウイルス対策及び最新の更新プログラムを適用させる。",
        "Contractor PC: current antivirus and the latest updates applied.",
    ),
    "measure.id_password": (
        "委託先パソコン：パソコンを操作できる者を限定し、ID/パスワードによる認証を行うとともに、パソコン内に保存した個人情報へのアクセス制御を行う。",
        "Contractor PC: operators limited, ID/password authentication, access control on the personal data stored.",
    ),
    "measure.stored_data_encrypted": (
        "委託先パソコン：パソコン内の個人情報データには、パスワードを付与し暗号化する。",
        "Contractor PC: personal data on the PC password-protected and encrypted.",
    ),
    "measure.log_management": (
        "委託先パソコン：個人情報の漏えい防止対策としてログ管理を徹底する。",
        "Contractor PC: logs kept thoroughly to prevent leaks of personal data.",
    ),
    "measure.tablet_network_limit": (
        "調査員用タブレット：Wi-fi 等の外部ネットワークとの接続制限を実施させる。",
        "Investigator tablet: connections to Wi-Fi and other outside networks restricted.",
    ),
    "measure.tablet_antivirus": (
        "調査員用タブレット：ウイルス感染等がないよう、最新のウイルス対策及び最新の更新プログラムを適用させる。",
        "Investigator tablet: current antivirus and the latest updates applied.",
    ),
    "measure.tablet_screen_lock": (
        "調査員用タブレット：タブレットを操作できる者を限定し、ID/パスワードによる認証を行うと共に、未操作時の自動画面ロックや覗き見防止対策を徹底する。",
        "Investigator tablet: operators limited, ID/password authentication, automatic screen lock when idle and privacy screens.",
    ),
    "measure.per_investigator_split": (
        "調査員用タブレット：調査員毎にデータを分割し、担当地域以外の情報の閲覧を制限する。",
        "Investigator tablet: data split per investigator; no one sees other areas.",
    ),
    "measure.tablet_data_encrypted": (
        "調査員用タブレット：タブレット内の個人情報データには、パスワードを付与し暗号化する。",
        "Investigator tablet: personal data on the tablet password-protected and encrypted.",
    ),
    "measure.tablet_no_output": (
        "調査員用タブレット：タブレットは、調査対象個人情報の確認及び調査内容の記録のみに使用し、データ出力及び印刷、その他の機能を使用不可とする。",
        "Investigator tablet: used only to look up the people surveyed and record the survey; data output, printing and other functions disabled.",
    ),
    "measure.remote_wipe": (
        "調査員用タブレット：盗難・紛失等に備えリモート消去等の対策を講じる。",
        "Investigator tablet: remote wipe or similar in place against theft or loss.",
    ),
    "measure.provided_info_safe": (
        "提供された情報は施錠できる金庫（キャビネット）に保管させる。",
        "The information provided is kept in a lockable safe (cabinet).",
    ),
    "measure.mail_registered": (
        "対象者への送付物については、書留若しくは弁護士指定の方法により行わせる。",
        "Mail to the people concerned goes by registered post or a method the lawyer designates.",
    ),
    "measure.media_returned_pc_erased": (
        "個人情報を記録した媒体（CD-R等）は、委託期間終了後、区に返還させる。また、委託先のパソコンに保管した個人情報は、データを消去し、個人情報消去証明書を提出させる。",
        "Media holding personal data (CD-R etc.) are returned to the ward after the contract period; personal data on the contractor's PCs is erased and an erasure certificate submitted.",
    ),
    "measure.handover_record": (
        "区との個人情報データの受け渡しにあたっては、確認書により記録をとらせる。郵送の場合は書留郵便により行わせ、手渡しの場合は鍵付きケースにより行わせる。メールの場合は、個人情報を含むファイルにパスワードを付すよう、徹底させる。",
        "Every handover with the ward is recorded on a confirmation; by post as registered mail, by hand in a locked case, by e-mail with the files password-protected.",
    ),
    "measure.pc_user_authentication": (
        "委託先のパソコンを取り扱うことができる者を特定し、ID、パスワード等によりパソコンの利用認証を行わせる。",
        "The people who may use the contractor's PCs are named and authenticated by ID and password.",
    ),
    "measure.firewall": (
        "外部ネットワークからの不正接続や内部からの情報漏洩がないよう、ファイアウォール/IDS/IPS 等の保護対策を講じさせる。",
        "Firewall / IDS / IPS against intrusion from outside and leaks from inside.",
    ),
    "measure.pc_antivirus": (
        "ウイルス感染等がないよう、最新のウイルス対策及び最新の更新プログラムを適用させる。",
        "Current antivirus and the latest updates applied.",
    ),
    "measure.access_control": (
        "パソコン内に保存した個人情報へのアクセス制御を行わせる。",
        "Access control on the personal data stored on the PCs.",
    ),
    "measure.log_management_enforced": (
        "個人情報の漏えい防止対策としてログ管理を徹底させる。",
        "Logs kept thoroughly to prevent leaks of personal data.",
    ),
    "measure.staff_training": (
        "（特記事項第18項）乙は、乙の従事者に対する個人情報の適正な管理及び情報セキュリティに関する教育を実施するとともに、区個人情報保護条例について周知するものとする。",
        "(Special terms, clause 18) The contractor trains its staff in the proper handling of personal data and information security and makes the ward's personal information protection ordinance known to them.",
    ),
    # check statuses (printed as 済 / 未 / 該当なし)
    "check_status.met": ("済", "Met"),
    "check_status.not_met": ("未", "Not met"),
    "check_status.not_applicable": ("該当なし", "N/A"),
    "check_status.unchecked": ("未確認", "Unchecked"),
    "sheet_template.servicer": (
        "サービサー型（現地調査・タブレットあり）",
        "Servicer (field visits with tablets)",
    ),
    "sheet_template.law_firm": ("法律事務所型（事務所内のみ）", "Law firm (office only)"),
    # special terms (特記事項)
    "clause.1": ("基本的事項", "Basic duty"),
    "clause.2": ("秘密の保持", "Confidentiality"),
    "clause.3": ("適正収集", "Fair collection"),
    "clause.4": ("本人収集及び利用目的の明示", "Collection from the person, purpose stated"),
    "clause.5": ("収集禁止事項", "Prohibited collection"),
    "clause.6": ("持出しの禁止", "No taking out"),
    "clause.7": ("目的外利用及び第三者への提供等の禁止", "No other use, no third parties"),
    "clause.8": ("適正な管理", "Proper custody"),
    "clause.9": ("複写等の禁止", "No copying"),
    "clause.10": ("再委託の禁止", "No re-outsourcing"),
    "clause.11": ("資料等の返還等", "Return of materials"),
    "clause.12": ("消去の記録及び証明書", "Erasure record and certificate"),
    "clause.13": ("従事者の指定", "Designated handlers"),
    "clause.14": ("業務に関する報告", "Reports on request"),
    "clause.15": ("監査等（立入り調査）", "Audit (on-site inspection)"),
    "clause.16": ("年度当たり1回以上の確認", "At least once per fiscal year"),
    "clause.17": ("監査の受入れ", "Accepting the audit"),
    "clause.18": ("従事者に対する教育", "Staff training"),
    "clause.19": ("事故発生時等における報告", "Incident reporting"),
    "clause.20": ("公表等", "Publication"),
    "clause.21": ("損害の賠償", "Damages"),
    "duty.return_and_erasure": (
        "資料の返還・消去証明（第11・12項）",
        "Return and erasure certificate (11, 12)",
    ),
    "duty.handler_designation": (
        "従事者の指定・報告（第13項）",
        "Handlers designated and reported (13)",
    ),
    "duty.annual_audit": (
        "年度1回以上の監査（第15〜17項）",
        "Audit at least once per fiscal year (15-17)",
    ),
    "duty.training": ("従事者への教育（第18項）", "Staff training (18)"),
    "duty.incident_reporting": (
        "事故の即時通知・書面報告（第19項）",
        "Incident notified at once and in writing (19)",
    ),
    "error.contract.closed": (
        "委託契約「{title}」は完了済みです。貸出・確認・監査・変更はできません。",
        'Contract "{title}" is closed: nothing more is lent, checked, audited or changed.',
    ),
    "error.clause.format": (
        "条項は 1-10,13,15-19 のように番号と範囲で指定してください",
        "Give clauses as numbers and ranges, e.g. 1-10,13,15-19",
    ),
    "error.clause.unknown": (
        "特記事項の第{value}項はありません（1〜21）。",
        "There is no special-terms clause {value} (1-21).",
    ),
    # incidents and audits: shared labels
    "incident_kind.loss": ("紛失", "Loss"),
    "incident_kind.theft": ("盗難", "Theft"),
    "incident_kind.leak": ("漏えい", "Leak"),
    "incident_kind.misdelivery": ("誤送付・誤送信", "Misdelivery"),
    "incident_kind.violation": ("特記事項違反", "Breach of the special terms"),
    "incident_kind.other": ("その他", "Other"),
    "incident_state.open": ("対応中", "Open"),
    "incident_state.closed": ("完了", "Closed"),
    "audit_kind.on_site": ("立入り調査", "On-site inspection"),
    "audit_kind.document": ("書面調査", "Document review"),
    "error.date.future": ("日付 {day} は未来の日付です。", "The date {day} lies in the future."),
}
