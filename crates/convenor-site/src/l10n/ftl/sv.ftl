# Termer ur tillfrisknandelitteraturen och TSML UI: ”möte”, ”online”.

## Meddelanden

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Börjar { $date }
ends = Slutar { $date }
join = Delta
phone = Telefon
join-online = Delta online

## Ett mötes regel

rule-weekly = varje { $day } kl. { $when }
rule-every = med { $weeks } veckors mellanrum på { $day } kl. { $when }
rule-rrule = { $rule } kl. { $when }

## Vad en ändring gör

change-reschedule = från { $date }: { $after } i stället för { $before }
change-cancel = inget möte { $date }
change-move = mötet { $date } flyttas till { $to }
change-extra = ett extra möte { $at }
change-end = inga fler möten från { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minut långt
   *[other] , { $minutes } minuter långt
}
announced = meddelat { $date }
date-at-time = { $date } kl. { $time } { $zone }
