"""Texts of the compliance vocabulary shared by every compliance screen, command and
form: measure labels, check statuses, special-terms clauses, duties, incident kinds.
Area-specific texts (sheet, audits, incidents, close-out, obligations) live in their own
modules."""

TEXTS: dict[str, tuple[str, str]] = {
    # measures of the confirmation record sheet (確認記録票)
    "measure.handlers_reported": (
        "取扱責任者及び取扱者をあらかじめ指定し、区に報告している",
        "Responsible person and handlers designated in advance and reported to the ward",
    ),
    "measure.safe_storage": (
        "貸与USBメモリを施錠できる金庫（キャビネット）に保管し、執務室から持ち出していない",
        "Lent stick kept in a locked safe (cabinet) and never taken out of the office",
    ),
    "measure.id_during_visits": (
        "調査時に身分証明・名札及び区の受託業務であることがわかるものを携帯している",
        "Identification, name badge and proof of the ward's commission carried on visits",
    ),
    "measure.tablet_locked_bag": (
        "タブレット端末を施錠可能なカバンで持ち運び、未使用時は施錠付きキャビネットに保管している",
        "Tablets carried in a lockable bag and kept in a locked cabinet when unused",
    ),
    "measure.pc_anti_theft": (
        "パソコンにセキュリティワイヤー又は施錠管理等の盗難防止対策を講じている",
        "PCs protected against theft (security wire or locked office)",
    ),
    "measure.stick_returned": (
        "業務終了後、個人情報を記録したUSBメモリを区に返還している",
        "The stick holding personal data returned to the ward at the end of the work",
    ),
    "measure.erasure_certificate": (
        "パソコン・タブレットの個人情報を職員立会のもと消去し、証明書を提出している",
        "PC/tablet copies erased in the presence of ward staff, certificate submitted",
    ),
    "measure.slip_confirmation": (
        "受け渡し票の内容（日時、取扱者、情報の内容、件数）を確認している",
        "Handover slip contents (date/time, handler, content, count) confirmed",
    ),
    "measure.network_separation": (
        "インターネットからの分離、ファイアウォール/IDS/IPS等の保護対策を講じている",
        "Separated from the internet; firewall / IDS / IPS in place",
    ),
    "measure.antivirus_current": (
        "最新のウイルス対策及び更新プログラムを適用している",
        "Current antivirus and updates applied",
    ),
    "measure.id_password": (
        "操作できる者を限定し、ID/パスワードによる認証とアクセス制御を行っている",
        "Operators limited; ID/password authentication and access control",
    ),
    "measure.stored_data_encrypted": (
        "保存した個人情報データにパスワードを付与し暗号化している",
        "Stored personal data password-protected and encrypted",
    ),
    "measure.log_management": (
        "漏えい防止のためログ管理を徹底している",
        "Logs managed to prevent leaks",
    ),
    "measure.per_investigator_split": (
        "調査員毎にデータを分割し、担当地域以外の情報の閲覧を制限している",
        "Data split per investigator; each sees only their own area",
    ),
    "measure.remote_wipe": (
        "盗難・紛失に備えリモート消去等の対策を講じている",
        "Remote wipe or similar in place against theft or loss",
    ),
    "measure.staff_training": (
        "従事者に個人情報の適正な管理及び情報セキュリティの教育を実施している",
        "Staff trained in personal-data handling and information security",
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
