# Termíny z literatúry zotavenia a TSML UI: „stretnutie“, „online“.

## Oznámenia

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Začína { $date }
ends = Končí { $date }
join = Pripojiť sa
phone = Telefón
join-online = Pripojiť sa online

## Pravidlo stretnutia

rule-weekly = každý týždeň, { $day } o { $when }
rule-every = { $weeks ->
    [few] každé { $weeks } týždne, { $day } o { $when }
   *[other] každých { $weeks } týždňov, { $day } o { $when }
}
rule-rrule = { $rule } o { $when }

## Čo zmena robí

change-reschedule = od { $date }: { $after } namiesto { $before }
change-cancel = žiadne stretnutie { $date }
change-move = stretnutie { $date } sa presúva na { $to }
change-extra = stretnutie navyše { $at }
change-end = žiadne ďalšie stretnutia od { $date }
minutes-long = { $minutes ->
    [one] , { $minutes } minúta
    [few] , { $minutes } minúty
   *[other] , { $minutes } minút
}
announced = oznámené { $date }
date-at-time = { $date } o { $time } { $zone }
