# 回復の文献と TSML UI の用語:「ミーティング」「オンライン」。

## お知らせ

line-weekly = { $day }: { $when }
time-in-zone = { $zone } { $time }
elsewhere-day = { $zone } { $time }（{ $day }）
shift = { $date }から{ $time }
shift-day = { $date }から{ $time }（{ $day }）
starts = { $date }開始
ends = { $date }終了
join = 参加
phone = 電話
join-online = オンラインで参加

## ミーティングの予定

rule-weekly = 毎週{ $day } { $when }
rule-every = { $weeks }週間ごとの{ $day } { $when }
rule-monthly-weekday = { $nth ->
    [first] 毎月第1{ $day }
    [second] 毎月第2{ $day }
    [third] 毎月第3{ $day }
    [fourth] 毎月第4{ $day }
    [fifth] 毎月第5{ $day }
   *[last] 毎月最終{ $day }
} { $when }
rule-pattern = { $frequency ->
    [daily] 毎日
    [weekly] 毎週
    [yearly] 毎年
   *[monthly] 毎月
}の決まった日 { $when }（日程はカレンダーに表示されます）

## 変更の内容

change-reschedule = { $date }から、{ $before }ではなく{ $after }
change-cancel = { $date }はミーティングがありません
change-move = { $date }のミーティングは{ $to }に変更されます
change-extra = { $at }に臨時のミーティング
change-end = { $date }以降はミーティングがありません
minutes-long = （{ $minutes }分間）
no-changes = 変更はありません
announced = { $date }告知
date-at-time = { $date } { $zone } { $time }

## ミーティングのページ

language-name = 日本語
page-language = 言語
page-times-shown = 時刻の表示:
page-nojs = JavaScript を有効にすると、お住まいのタイムゾーンで表示されます。
page-zone-field = 時刻を表示するタイムゾーン
page-show = 表示
page-my-zone = 現在地のタイムゾーン
page-next = 次のミーティング
page-next-weeks = { $date }からの{ $weeks }週間。各ミーティングの現地時刻は括弧内です。
page-in-progress = 進行中
page-first = 初回のミーティング
page-add = カレンダーに追加
page-no-sessions = この期間にミーティングはありません。
page-more = この期間にさらに{ $more }件のミーティングがあります。すべて見るには下から購読してください。
page-every-week = 毎週
page-groups = グループ
page-subscribe-heading = カレンダーに追加
page-subscribe-text = 購読すると、予定が変わったときに自動で更新されます。
page-subscribe = { $name }を購読
page-all-meetings = すべてのミーティング
page-address = コピー用のアドレス
page-published = { $stamp } に convenor で公開。
page-not-understood = タイムゾーン「{ $text }」が分かりませんでした。都市名か Europe/London のような名前を入力してください。
page-showing = { $zone }で表示しています。
page-cancelled = { $date }はミーティングがありません
page-moved = { $date }から変更
page-extra = 臨時のミーティング
page-filters = ミーティングを絞り込む
page-filter-day = 曜日
page-filter-mode = オンラインまたは対面
page-filter-online = オンライン
page-filter-in-person = 対面
page-filter-tags = タグ（チェックしたタグをすべて持つミーティング）
page-filter-group = グループ
page-filter-all-groups = すべてのグループ
page-filter-reset = すべて表示
page-filter-count = { $total }件中{ $shown }件のミーティングを表示
page-filter-none = この条件に一致するミーティングはありません。
page-group-page = { $group }のすべてのミーティング（グループのページ）
page-more-site = この期間にさらに{ $more }件のミーティングがあります。各グループのページにはそのグループのすべてのミーティングがあります。すべて見るには下から購読してください。

## 繰り返し方による規則と、フィードの文（Meeting Guideのメモ、カレンダーの説明、リマインダー）

list-comma = { $first }、{ $rest }
list-and = { $first }、{ $last }
rule-daily = { $days ->
    [1] 毎日
   *[other] { $days }日ごと
} { $when }
rule-weekly-days = { $weeks ->
    [1] 毎週{ $days }
   *[other] { $weeks }週間ごとの{ $days }
} { $when }
nth-weekday = { $nth ->
    [first] 第1
    [second] 第2
    [third] 第3
    [fourth] 第4
    [fifth] 第5
    [second-last] 最後から2番目の
    [third-last] 最後から3番目の
    [fourth-last] 最後から4番目の
    [fifth-last] 最後から5番目の
   *[last] 最終
}
rule-monthly-nth = { $months ->
    [1] 毎月
   *[other] { $months }か月ごとの
}{ $which }{ $day } { $when }
day-of-month = { $day }日
last-day-of-month = { $nth ->
    [second-last] 最終日の前日
    [third-last] 最終日から3日目
    [fourth-last] 最終日から4日目
    [fifth-last] 最終日から5日目
    [nth-last] 最終日から{ $n }日目
   *[last] 最終日
}
rule-monthly-day = { $months ->
    [1] 毎月
   *[other] { $months }か月ごとの
}{ $nth } { $when }
rule-yearly = 毎年{ $date } { $when }
notes-starts = { $date }開始
notes-every-weeks = { $weeks }週間ごと（毎週ではありません）。次回：{ $dates }
notes-no-meetings-after = { $date }より後はミーティングがありません
notes-ends-next-day = 翌日の{ $zone } { $time }に終了
notes-cancel = { $date }：ミーティングはありません
notes-back-on = { $text }。次回は{ $date }
notes-move = { $date }：{ $to }に変更
notes-extra = { $date }：{ $when }に臨時のミーティング
notes-reschedule = { $date }から：{ $before }ではなく{ $after }
notes-end = { $date }以降：ミーティングはありません
notes-with-note = { $text }（{ $note }）
ical-convenors = 進行役：{ $names }
ical-join = 参加：{ $url }
ical-phone = 電話：{ $phone }
ical-tags = タグ：{ $tags }
reminder = { $name }は{ $before }後に始まります
reminder-link = { $name }は{ $before }後に始まります：{ $url }
reminder-hours = { $hours }時間
reminder-minutes = { $minutes }分
reminder-hours-minutes = { $hours }{ $minutes }
atom-changes = { $name }：変更
