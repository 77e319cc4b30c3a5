# Begriffe der Genesungsliteratur: „Treffen“ (Meeting), „online“.

## Ankündigungen

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Beginnt am { $date }
ends = Endet am { $date }
join = Teilnehmen
phone = Telefon
join-online = Online teilnehmen

## Die Regel eines Treffens

rule-weekly = jeden { $day } um { $when }
rule-every = alle { $weeks } Wochen am { $day } um { $when }
rule-rrule = { $rule } um { $when }

## Was eine Änderung bewirkt

change-reschedule = ab { $date }: { $after } statt { $before }
change-cancel = kein Treffen am { $date }
change-move = das Treffen vom { $date } wird verlegt auf { $to }
change-extra = ein zusätzliches Treffen am { $at }
change-end = keine Treffen mehr ab { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } Minute lang
   *[other] , { $minutes } Minuten lang
}
announced = angekündigt am { $date }
date-at-time = { $date } um { $time } { $zone }
