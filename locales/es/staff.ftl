## Páginas del personal: obligatorias en inglés y español; los demás idiomas usan el inglés.

## Inicio de sesión
login-title = Acceso del personal
login-intro = Para navegadores, supervisores y administradores del programa de navegadores digitales.
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión
login-failed-title = No pudimos iniciar su sesión
login-failed = El correo electrónico o la contraseña no son correctos. Revise ambos e inténtelo de nuevo.
login-expired-title = Vuelva a iniciar sesión
login-expired = Esta página de acceso estuvo abierta demasiado tiempo, o el formulario no vino de este sitio. No se cambió nada. Vuelva a iniciar sesión.
login-too-many-title = Demasiados intentos
login-too-many = Hubo demasiados intentos de iniciar sesión. Espere { $minutes ->
        [one] un minuto
       *[other] { $minutes } minutos
    } y vuelva a intentarlo.
login-error-email-required = Escriba su correo electrónico
login-error-password-required = Escriba su contraseña

## Sesión iniciada
staff-signed-in-as = Sesión iniciada como { $name } ({ $role })
staff-sign-out = Cerrar sesión
staff-change-password = Cambiar su contraseña
role-navigator = navegador
role-supervisor = supervisor
role-admin = administrador

## Casos
cases-title = Casos
cases-no-navigator-profile = Su cuenta todavía no tiene un perfil de navegador, así que no tiene casos asignados. Pida a un supervisor que lo cree.
cases-count-mine = { $count ->
        [one] Tiene un caso abierto asignado
       *[other] Tiene { $count } casos abiertos asignados
    }
cases-count-queue = { $count ->
        [one] Una solicitud espera a un navegador
       *[other] { $count } solicitudes esperan a un navegador
    }
cases-count-all = { $count ->
        [one] Un caso abierto
       *[other] { $count } casos abiertos
    }
cases-mine-title = Mis casos abiertos
cases-mine-empty = No tiene casos abiertos.
cases-queue-title = Esperando a un navegador
cases-queue-empty = Ninguna solicitud espera a un navegador.
cases-all-title = Todos los casos abiertos
cases-all-empty = No hay casos abiertos.
cases-col-ref = Referencia
cases-col-area = Zona
cases-col-needs = Necesidades
cases-col-language = Idioma
cases-col-status = Estado
cases-col-waiting = Espera
cases-col-navigator = Navegador
cases-col-action = Acción
cases-days = { $days ->
        [one] 1 día
       *[other] { $days } días
    }
cases-take = Tomar { $ref }
cases-take-conflict-title = Otra persona tomó este caso
cases-take-conflict = Otro navegador tomó este caso hace un momento. No se cambió nada a su nombre. Elija otro caso de la lista.
cases-pages = Páginas
cases-page = Página { $page } de { $pages }
cases-previous = Página anterior
cases-next = Página siguiente

## Estados de un caso
case-status-new = Nuevo
case-status-assigned = Asignado
case-status-in_progress = En curso
case-status-waiting_on_resident = Esperando al residente
case-status-referred = Derivado a un programa
case-status-resolved = Resuelto
case-status-closed = Cerrado

## Un caso
case-title = Caso { $ref }
case-back = Volver a los casos
case-status = Estado
case-navigator = Navegador
case-unassigned = Todavía sin asignar
case-received = Recibido
case-first-contact = Primer contacto
case-not-yet = Todavía no
case-take-intro = Esta solicitud espera a un navegador. Tómela para trabajar en ella.
case-resident = Residente
case-name = Nombre
case-phone = Teléfono
case-email = Correo electrónico
case-language = Idioma
case-contact-method = Forma de contacto preferida
case-area = Zona
case-zip = Código postal
case-needs = Necesidades
case-details = Detalles
case-accessibility = Necesidades de accesibilidad
case-none = Ninguna
case-not-given = No indicado
case-note-title = Añadir una nota
case-note-label = Nota
case-note-hint = Solo el personal ve las notas, y no se pueden cambiar después de añadirlas.
case-note-submit = Añadir nota
case-note-error-empty = Escriba primero la nota
case-note-error-too-long = La nota es demasiado larga: como máximo 5.000 caracteres
case-status-title = Cambiar el estado
case-status-label = Nuevo estado
case-status-submit = Cambiar el estado
case-status-take-first = Un navegador debe tomar este caso antes de que su estado pueda cambiar.
case-status-error-not-allowed = Elija uno de los estados ofrecidos: este caso no puede pasar a ese estado desde el actual
case-conflict-title = Este caso cambió mientras lo tenía abierto
case-conflict = Otra persona cambió este caso después de que usted lo abriera, así que no se guardó nada. Revise el caso abajo y vuelva a intentarlo. Su nota sigue en el formulario.
case-timeline = Historial
case-event-no-actor = Sistema
case-event-created = Solicitud recibida
case-event-assignment = Tomó el caso
case-event-note = Añadió una nota
case-event-status-change = Cambió el estado de { $from } a { $to }
case-event-other = Evento: { $kind }
case-contact-title = Registrar un contacto con el residente
case-contact-channel-label = Cómo se comunicaron
case-contact-channel-phone = Llamada telefónica
case-contact-channel-text = Mensaje de texto
case-contact-channel-in_person = En persona
case-contact-channel-email = Correo electrónico
case-contact-note-label = Nota (opcional)
case-contact-submit = Registrar el contacto
case-contact-error-channel = Elija cómo se comunicó con el residente
case-event-contact = Se comunicó con el residente: { $channel }

## Cambiar la contraseña
account-password-title = Cambiar su contraseña
account-current-password = Contraseña actual
account-new-password = Contraseña nueva
account-new-password-hint = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
account-confirm-password = Repita la contraseña nueva
account-password-submit = Cambiar la contraseña
account-password-changed = Se cambió su contraseña. Se cerró la sesión en cualquier otro lugar donde la tenía abierta.
account-back = Volver a los casos
account-error-current-required = Escriba su contraseña actual
account-error-current-wrong = Su contraseña actual no es correcta
account-error-new-too-short = La contraseña nueva debe tener al menos 12 caracteres
account-error-new-too-long = La contraseña nueva es demasiado larga
account-error-new-mismatch = Las dos contraseñas nuevas no son iguales

## Acciones rechazadas
csrf-failed-title = Este formulario ha caducado
csrf-failed-body = No se cambió nada. Regrese, vuelva a cargar la página e inténtelo de nuevo.
error-403-title = No puede hacer eso
error-403-body = Su cuenta no da acceso a esta página. Si la necesita, pídala a un supervisor.

## Registro de auditoría
audit-title = Registro de auditoría
audit-filter-user = Miembro del personal (número de usuario)
audit-filter-case = Referencia del caso
audit-filter-submit = Mostrar
audit-empty = No hay nada registrado que coincida.
audit-page = Página { $page }, lo más reciente primero
audit-pages = Páginas del registro de auditoría
audit-col-time = Cuándo
audit-col-user = Miembro del personal
audit-col-action = Qué
audit-col-case = Caso
audit-action-view_case = Vio el caso
audit-action-take_case = Tomó el caso
audit-action-add_note = Añadió una nota
audit-action-change_status = Cambió el estado
audit-action-log_contact = Registró un contacto
