pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Opening hours: whether the kiosk sleeps outside them, the week (first opening and last
// closing per day, in half hours), closed days, and how long a touch wakes it. Kept as a draft
// until Save (kiosk/staff_ui/schedule_section.py).
Column {
    id: section

    required property ScheduleSection controller
    required property TapGuard guard
    required property Theme theme

    readonly property real labelSize: theme.sizes.staffBody
    readonly property real stepWidth: theme.sizes.staffKey
    readonly property real stepFont: theme.sizes.staffStepLabel

    objectName: "staffSectionSchedule"
    spacing: theme.sizes.spacing
    Component.onCompleted: section.controller.refresh()

    StaffText {
        objectName: "scheduleWarning"
        width: parent.width
        theme: section.theme
        problem: true
        visible: text !== ""
        text: section.controller.warning
    }
    StaffCard {
        width: parent.width
        theme: section.theme
        tone: section.controller.canSwitchDisplay ? "plain" : "problem"
        StaffText {
            objectName: "scheduleStatus"
            width: parent.width
            theme: section.theme
            text: section.controller.status
        }
    }

    Row {
        spacing: section.theme.sizes.gap
        KioskButton {
            objectName: "scheduleOff"
            theme: section.theme
            guard: section.guard
            text: "Always on"
            fontSize: section.labelSize
            checked: !section.controller.enabled
            onActivated: section.controller.setEnabled(false)
        }
        KioskButton {
            objectName: "scheduleOn"
            theme: section.theme
            guard: section.guard
            text: "Sleep outside opening hours"
            fontSize: section.labelSize
            checked: section.controller.enabled
            onActivated: section.controller.setEnabled(true)
        }
    }

    Column {
        width: parent.width
        spacing: section.theme.sizes.spacing
        visible: section.controller.enabled

        StaffText {
            width: parent.width
            theme: section.theme
            size: "heading"
            spaced: true
            text: "The week (" + section.controller.timezone + " time)"
        }
        Repeater {
            model: section.controller.days
            delegate: Flow {
                id: day
                required property var modelData
                width: section.width
                spacing: section.theme.sizes.gap

                StaffText {
                    width: section.theme.sizes.staffDayName
                    height: section.theme.sizes.target
                    verticalAlignment: Text.AlignVCenter
                    theme: section.theme
                    font.bold: true
                    text: day.modelData.name
                }
                StaffText {
                    objectName: "scheduleDay-" + day.modelData.index
                    width: section.theme.sizes.staffDayHours
                    height: section.theme.sizes.target
                    verticalAlignment: Text.AlignVCenter
                    theme: section.theme
                    text: day.modelData.text
                }
                Repeater {
                    model: day.modelData.open ? [
                        { edge: "open", label: "Opens" },
                        { edge: "close", label: "Closes" }
                    ] : []
                    delegate: Row {
                        id: edgeRow
                        required property var modelData
                        spacing: Math.round(section.theme.sizes.gap / 2)
                        StaffText {
                            height: section.theme.sizes.target
                            verticalAlignment: Text.AlignVCenter
                            theme: section.theme
                            muted: true
                            text: edgeRow.modelData.label
                        }
                        Repeater {
                            model: [-1, 1]
                            delegate: KioskButton {
                                id: step
                                required property int modelData
                                objectName: "scheduleStep-" + day.modelData.index + "-" + edgeRow.modelData.edge + (step.modelData > 0 ? "-later" : "-earlier")
                                theme: section.theme
                                guard: section.guard
                                width: section.stepWidth
                                fontSize: section.stepFont
                                text: step.modelData > 0 ? "+" : "−"
                                accessibleName: edgeRow.modelData.label + (step.modelData > 0 ? " later" : " earlier")
                                onActivated: section.controller.stepDay(day.modelData.index, edgeRow.modelData.edge, step.modelData)
                            }
                        }
                    }
                }
                KioskButton {
                    objectName: "scheduleToggle-" + day.modelData.index
                    theme: section.theme
                    guard: section.guard
                    fontSize: section.labelSize
                    text: day.modelData.open ? "Closed all day" : "Open this day"
                    onActivated: section.controller.toggleDay(day.modelData.index)
                }
            }
        }

        StaffText {
            width: parent.width
            theme: section.theme
            size: "heading"
            spaced: true
            text: "Closed days (holidays)"
        }
        Flow {
            width: parent.width
            spacing: section.theme.sizes.gap
            KioskButton {
                objectName: "schedulePickEarlier"
                theme: section.theme
                guard: section.guard
                width: section.stepWidth
                fontSize: section.stepFont
                text: "−"
                accessibleName: "Day before"
                onActivated: section.controller.stepPick(-1)
            }
            StaffText {
                objectName: "schedulePicked"
                width: section.theme.sizes.staffPicked
                height: section.theme.sizes.target
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: Text.AlignHCenter
                theme: section.theme
                text: section.controller.picked
            }
            KioskButton {
                objectName: "schedulePickLater"
                theme: section.theme
                guard: section.guard
                width: section.stepWidth
                fontSize: section.stepFont
                text: "+"
                accessibleName: "Day after"
                onActivated: section.controller.stepPick(1)
            }
            KioskButton {
                objectName: "scheduleCloseDay"
                theme: section.theme
                guard: section.guard
                fontSize: section.labelSize
                text: "Closed on this day"
                onActivated: section.controller.closePickedDay()
            }
        }
        Repeater {
            model: section.controller.closedDays
            delegate: Row {
                id: closedDay
                required property var modelData
                spacing: section.theme.sizes.gap
                StaffText {
                    height: section.theme.sizes.target
                    verticalAlignment: Text.AlignVCenter
                    theme: section.theme
                    text: closedDay.modelData.label
                }
                KioskButton {
                    objectName: "scheduleReopen-" + closedDay.modelData.iso
                    theme: section.theme
                    guard: section.guard
                    fontSize: section.labelSize
                    text: "Open after all"
                    onActivated: section.controller.reopenDay(closedDay.modelData.iso)
                }
            }
        }

        StaffText {
            width: parent.width
            theme: section.theme
            size: "heading"
            spaced: true
            text: "A touch wakes it for"
        }
        Row {
            spacing: section.theme.sizes.spacing
            KioskButton {
                objectName: "scheduleWakeLess"
                theme: section.theme
                guard: section.guard
                width: section.stepWidth
                fontSize: section.stepFont
                text: "−"
                accessibleName: "Fewer minutes"
                onActivated: section.controller.stepWake(-1)
            }
            StaffText {
                objectName: "scheduleWake"
                anchors.verticalCenter: parent.verticalCenter
                width: section.theme.sizes.staffValue
                horizontalAlignment: Text.AlignHCenter
                theme: section.theme
                size: "heading"
                text: section.controller.wakeMinutes + " minutes"
            }
            KioskButton {
                objectName: "scheduleWakeMore"
                theme: section.theme
                guard: section.guard
                width: section.stepWidth
                fontSize: section.stepFont
                text: "+"
                accessibleName: "More minutes"
                onActivated: section.controller.stepWake(1)
            }
        }
    }

    StaffText {
        objectName: "scheduleMessage"
        width: parent.width
        theme: section.theme
        problem: section.controller.messageKind === "problem"
        visible: text !== ""
        text: section.controller.message
    }
    KioskButton {
        objectName: "scheduleSave"
        theme: section.theme
        guard: section.guard
        primary: true
        text: "Save opening hours"
        fontSize: section.labelSize
        onActivated: section.controller.save()
    }
}
