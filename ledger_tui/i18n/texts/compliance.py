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
    # special terms (特記事項): each clause's text, as in the seeds (乙 = the contractor, 甲 = the ward)
    "clause.text.1": (
        "乙は、個人情報の保護及び情報セキュリティの重要性について十分な認識を持ち、この契約による業務（以下「業務」という。）を行うに当たっては、必要な措置を講じなければならない。",
        'The contractor shall be fully aware of the importance of protecting personal information and of information security, and shall take the necessary measures in carrying out the work under this contract (the "work").',
    ),
    "clause.text.2": (
        "乙は、業務に関して知り得た個人情報を一切第三者に漏らしてはならない。この契約が終了した後においても同様とする。",
        "The contractor shall not disclose to any third party personal information learnt in the work, also after this contract has ended.",
    ),
    "clause.text.3": (
        "乙は、業務を行うために個人情報を収集するときは、その利用目的をできる限り特定し、その利用目的を達成するために必要な最小限の範囲内で、公正かつ適正な手段によって収集しなければならない。",
        "When collecting personal information for the work, the contractor shall specify its purpose as far as possible and collect it by fair and proper means, within the minimum needed for that purpose.",
    ),
    "clause.text.4": (
        "乙は、業務を行うために個人情報を収集するときは、本人に対しその利用目的を明示し、かつ、本人から直接これを収集しなければならない。ただし、甲の承諾があるときは、この限りではない。",
        "When collecting personal information for the work, the contractor shall state the purpose to the person and collect it from the person directly, unless the ward consents otherwise.",
    ),
    "clause.text.5": (
        "乙は、業務を行うに当たっては、甲の承諾があるときを除き、次に掲げる事項に関する個人情報の収集を行ってはならない。\n(1) 思想、信条及び宗教に関する事項\n(2) 社会的差別の原因となる事実に関する事項\n(3) 犯罪に関する事項\n(4) その他区民の個人的秘密が侵害されるおそれがあると甲が認めた事項",
        "Unless the ward consents, the contractor shall not collect personal information about:\n(1) thought, creed and religion;\n(2) facts that may cause social discrimination;\n(3) crimes;\n(4) other matters the ward considers may infringe residents' personal secrets.",
    ),
    "clause.text.6": (
        "乙は、業務を行うに当たっては、個人情報を甲が指定した場所の外へ持ち出してはならない。ただし、甲の承諾があるときは、この限りではない。",
        "The contractor shall not take personal information outside the places the ward designates, unless the ward consents.",
    ),
    "clause.text.7": (
        "乙は、業務に関して知り得た個人情報を、この契約の目的以外に利用し、又は第三者に提供し、若しくは使用させてはならない。",
        "The contractor shall not use personal information learnt in the work for any purpose other than this contract, nor provide it to or let it be used by a third party.",
    ),
    "clause.text.8": (
        "乙は、業務に伴い取り扱う個人情報について、施錠できる保管庫に保管する等善良な管理者の注意をもって保管及び管理にあたらなければならない。",
        "The contractor shall keep and manage the personal information it handles with the care of a prudent manager, such as storing it in a lockable cabinet.",
    ),
    "clause.text.9": (
        "乙は、業務を行うために甲から提供され、又は乙が収集した個人情報を複写し、又は複製してはならない。",
        "The contractor shall not copy or duplicate personal information provided by the ward or collected by the contractor for the work.",
    ),
    "clause.text.10": (
        "乙は、業務を行うに当たって、個人情報を取り扱う業務を一切第三者に委託してはならない。",
        "The contractor shall not outsource any work handling personal information to a third party.",
    ),
    "clause.text.11": (
        "乙は、業務を行うために甲から提供され、又は乙が収集し、若しくは作成した個人情報が記録された資料等が不要になったとき及び業務終了後は、当該資料等を甲に返還し、又は引き渡し、乙が業務を行うに当たり乙の電子計算機を使用した場合には、当該電子計算機に記録された業務に係る個人情報を消去する。ただし、甲が別に指示したときは、その指示に従う。",
        "When materials holding personal information provided by the ward, or collected or made by the contractor, are no longer needed and after the work, the contractor shall return or hand them over to the ward, and erase the work's personal information recorded on its own computers, unless the ward instructs otherwise.",
    ),
    "clause.text.12": (
        "乙は、個人情報を消去した場合には、消去をしたことの記録を保存するとともに、甲に対して消去をしたことの証明書を提出するものとする。なお、甲は、必要に応じ、消去の状況について確認を行うものとする。",
        "Having erased personal information, the contractor shall keep a record of the erasure and submit a certificate of it to the ward; the ward checks the erasure as needed.",
    ),
    "clause.text.13": (
        "乙は、業務を行うに当たっては、個人情報を取り扱わせる取扱責任者及び取扱者を指定し、甲に報告するものとする。",
        "The contractor shall designate the responsible person and the handlers who handle personal information and report them to the ward.",
    ),
    "clause.text.14": (
        "乙は、甲の求めがあった場合は、業務に関する個人情報の取扱い状況の報告を行うものとする。",
        "On the ward's request, the contractor shall report how it handles personal information in the work.",
    ),
    "clause.text.15": (
        "甲は、乙に課した情報保護対策（区情報公開・個人情報保護審議会への報告内容等）に基づき、乙が適正に業務を実施していることを立入り調査等により確認するものとする。",
        "The ward checks, by on-site inspection and the like, that the contractor carries out the work properly under the protection measures imposed on it (as reported to the ward's information disclosure and personal information protection council).",
    ),
    "clause.text.16": (
        "前項による確認は、年度当たり1回以上行うものとする。",
        "The check of the preceding clause takes place at least once per fiscal year.",
    ),
    "clause.text.17": (
        "乙は、第15項による甲の確認の際には業務の実施状況を明らかにするほか、業務に関する個人情報の管理状況について甲の立入り調査等による監査を受けるものとする。",
        "At the ward's check under clause 15, the contractor shall show how the work is carried out and accept the ward's audit, including on-site inspection, of how it manages the work's personal information.",
    ),
    "clause.text.18": (
        "乙は、乙の従事者に対する個人情報の適正な管理及び情報セキュリティに関する教育を実施するとともに、区個人情報保護条例について周知するものとする。",
        "The contractor shall train its staff in the proper management of personal information and information security and make the ward's personal information protection ordinance known to them.",
    ),
    "clause.text.19": (
        "乙は、業務に関する個人情報の取扱いに関して事故が発生し、若しくは発生するおそれがあるとき又は前各項に掲げる事項に違反したときは、速やかに甲に対して通知するとともに、その状況について書面をもって報告し、甲の指示に従うものとする。",
        "When an incident occurs or may occur in handling the work's personal information, or any of the preceding clauses is breached, the contractor shall notify the ward at once, report the circumstances in writing and follow the ward's instructions.",
    ),
    "clause.text.20": (
        "甲は、乙が前各項に掲げる事項に違反し、又は怠ったときは、乙に対して改善等に向けた指導を行うとともに、その事実を公表することができる。",
        "When the contractor breaches or neglects any of the preceding clauses, the ward guides it towards improvement and may make the fact public.",
    ),
    "clause.text.21": (
        "乙は、第1項から第19項までに掲げる事項に違反し、又は怠ったことにより甲又は第三者に損害を与えたときは、その損害を賠償するものとする。",
        "The contractor shall compensate any damage caused to the ward or a third party by breaching or neglecting clauses 1 to 19.",
    ),
    # 特記事項（別紙） and 取扱責任者・取扱者 指定報告 (paper)
    "contract_paper.terms": ("特記事項（別紙）", "special terms"),
    "contract_paper.handlers": ("取扱責任者・取扱者 指定報告", "designated handlers report"),
    "cli.cmd.contract_print": (
        "契約の特記事項（別紙）または取扱責任者・取扱者 指定報告を印刷する",
        "print the contract's special terms or its designated handlers report",
    ),
    "cli.opt.contract_paper": (
        "terms＝特記事項（別紙）、handlers＝指定報告",
        "terms = the special terms attachment, handlers = the designated handlers report",
    ),
    "cli.contract_paper.saved": (
        "{paper} {number} を {path} に保存しました。",
        "Saved the {paper} {number} to {path}.",
    ),
    "cli.contract_paper.printed": (
        "{paper} {number} を {printer} に送りました（ジョブ {job}）。",
        "Sent the {paper} {number} to {printer} (job {job}).",
    ),
    "cmd.terms_paper": ("特記事項（別紙）", "Special terms paper"),
    "cmd.handlers_paper": ("指定報告", "Handlers report"),
    "cmd.contract_paper.help": (
        "選んだ契約の特記事項（別紙）／取扱責任者・取扱者 指定報告をPDFに保存",
        "Save the highlighted contract's special terms / designated handlers report as PDF",
    ),
    "terms.paper.title": ("特記事項（別紙）", "Special Terms (Attachment)"),
    "terms.paper.lead": (
        "この契約による業務の個人情報の取扱いについて、乙（受託者）は次の事項を守らなければならない。",
        "In handling personal information in the work under this contract, the contractor "
        "shall observe the following terms.",
    ),
    "terms.paper.field.contract": ("件名", "Contract"),
    "terms.paper.field.contractor": ("委託先（乙）", "Contractor"),
    "terms.paper.field.period": ("契約期間", "Contract period"),
    "terms.paper.period": ("{start} 〜 {end}", "{start} to {end}"),
    "terms.paper.heading": ("（{heading}）", "({heading})"),
    # the seeds' headings where they differ from the clause's short label (11 heads 11-12,
    # 15 heads 15-17)
    "clause.seed_heading.11": ("資料等の返還等", "Return of materials"),
    "clause.seed_heading.13": (
        "個人情報を取り扱う従事者の指定",
        "Designation of the staff handling personal information",
    ),
    "clause.seed_heading.15": ("監査等", "Audits"),
    "terms.paper.stamp.ward": ("区（甲）確認印", "Ward"),
    "terms.paper.stamp.contractor": ("委託先（乙）印", "Contractor"),
    "handlers.paper.title": ("取扱責任者・取扱者 指定報告", "Designated Handlers Report"),
    "handlers.paper.lead": (
        "特記事項第13項に基づき、個人情報を取り扱わせる取扱責任者及び取扱者を次のとおり指定し、報告します。",
        "Under clause 13 of the special terms, the contractor designates and reports the "
        "following persons to handle personal information.",
    ),
    "handlers.paper.col.no": ("No.", "No."),
    "handlers.paper.col.name": ("氏名", "Name"),
    "handlers.paper.col.role": ("区分", "Role"),
    "handlers.paper.col.valid_from": ("指定期間（開始）", "From"),
    "handlers.paper.col.valid_to": ("指定期間（終了）", "To"),
    "handlers.paper.col.reported": ("報告日", "Reported"),
    "handlers.paper.open_end": ("契約終了まで", "Until the end"),
    "handlers.paper.none": (
        "取扱責任者・取扱者はまだ指定されていません。",
        "No handler has been designated yet.",
    ),
    "handlers.paper.stamp.contractor": ("委託先 責任者印", "Contractor"),
    "handlers.paper.stamp.received": ("区 受付印", "Ward: received"),
    "handlers.paper.stamp.checker": ("区 確認者印", "Ward: checker"),
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
