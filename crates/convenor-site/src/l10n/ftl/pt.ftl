# Termos da literatura de recuperação e do TSML UI: «reunião», «online».

## Anúncios

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = Começa em { $date }
ends = Termina em { $date }
join = Participar
phone = Telefone
join-online = Participar online

## A regra de uma reunião

# O sábado e o domingo são masculinos; os outros dias, femininos.
rule-weekly = { $weekday ->
    [sat] todo { $day } às { $when }
    [sun] todo { $day } às { $when }
   *[other] toda { $day } às { $when }
}
rule-every = a cada { $weeks } semanas, { $day }, às { $when }
rule-rrule = { $rule } às { $when }

## O que uma mudança faz

change-reschedule = a partir de { $date }, { $after } em vez de { $before }
change-cancel = não há reunião em { $date }
change-move = a reunião de { $date } passa para { $to }
change-extra = uma reunião extra em { $at }
change-end = não há mais reuniões a partir de { $date }
minutes-long = { $minutes ->
    [one] , com { $minutes } minuto
   *[other] , com { $minutes } minutos
}
announced = anunciado em { $date }
date-at-time = { $date } às { $time } { $zone }
