# 回復の文献と TSML UI の用語:「ミーティング」「オンライン」。

## お知らせ

line-weekly = { $day }: { $when }
time-in-zone = { $zone } { $time }
elsewhere-day = { $zone } { $time }（{ $day }）
starts = { $date }開始
ends = { $date }終了
join = 参加
phone = 電話
join-online = オンラインで参加

## ミーティングの予定

rule-weekly = 毎週{ $day } { $when }
rule-every = { $weeks }週間ごとの{ $day } { $when }
rule-rrule = { $rule } { $when }

## 変更の内容

change-reschedule = { $date }から、{ $before }ではなく{ $after }
change-cancel = { $date }はミーティングがありません
change-move = { $date }のミーティングは{ $to }に変更されます
change-extra = { $at }に臨時のミーティング
change-end = { $date }以降はミーティングがありません
minutes-long = （{ $minutes }分間）
announced = { $date }告知
date-at-time = { $date } { $zone } { $time }
