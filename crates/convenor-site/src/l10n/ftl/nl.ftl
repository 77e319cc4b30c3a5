# Termen uit de herstelliteratuur en TSML UI: „meeting”, „online”.

## Aankondigingen

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Begint op { $date }
ends = Eindigt op { $date }
join = Deelnemen
phone = Telefoon
join-online = Online deelnemen

## De regel van een meeting

rule-weekly = elke { $day } om { $when }
rule-every = om de { $weeks } weken op { $day } om { $when }
rule-rrule = { $rule } om { $when }

## Wat een wijziging doet

change-reschedule = vanaf { $date }: { $after } in plaats van { $before }
change-cancel = geen meeting op { $date }
change-move = de meeting van { $date } wordt verplaatst naar { $to }
change-extra = een extra meeting op { $at }
change-end = geen meetings meer vanaf { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minuut lang
   *[other] , { $minutes } minuten lang
}
announced = aangekondigd op { $date }
date-at-time = { $date } om { $time } { $zone }
