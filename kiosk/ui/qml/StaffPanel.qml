pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The staff panel, shown only after the right PIN: what patients see now, importing a bundle,
// rolling back, this kiosk's settings, the staff log, and the ways out of the app. Everything
// is a touch target; the body scrolls.
Rectangle {
    id: panel

    required property StaffNavigator navigator
    required property Theme theme

    readonly property JobRunner jobs: navigator.jobs

    readonly property real margin: theme.sizes.margin
    readonly property real sp: theme.sizes.spacing
    readonly property real labelSize: theme.sizes.staffBody
    readonly property real bodyWidth: Math.min(width - 2 * margin, theme.sizes.staffWidth)
    readonly property var sections: [
        { "id": "content", "label": "Content" },
        { "id": "import", "label": "Import" },
        { "id": "settings", "label": "Settings" },
        { "id": "log", "label": "Staff log" },
        { "id": "exit", "label": "Exit or restart" }
    ].concat(extraSections)  // hours-usage
    // >>> hours-usage: tabs whose sections have controllers of their own (kiosk/app/hours_usage.py)
    readonly property var extraControllers: navigator.sectionControllers
    readonly property var extraSections: [
        { "id": "schedule", "label": "Opening hours" },
        { "id": "usage", "label": "Usage" },
        { "id": "updates", "label": "Updates" }  // fleet updates (kiosk/staff_ui/updates_section.py)
    ].filter(s => !!extraControllers[s.id])
    // <<< hours-usage

    objectName: "staffPanel"
    color: theme.colors.background

    // The patient app below takes no touch while the panel is up (see StaffPinPad.qml).
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
    }
    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
    }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: headerColumn.implicitHeight + 2 * Math.round(panel.sp * 0.75)
        color: panel.theme.colors.surface

        Rectangle {
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: panel.theme.sizes.border
            color: panel.theme.colors.border
        }

        Column {
            id: headerColumn
            x: (parent.width - panel.bodyWidth) / 2
            y: Math.round(panel.sp * 0.75)
            width: panel.bodyWidth
            spacing: panel.sp

            Item {
                width: parent.width
                height: Math.max(title.implicitHeight, closeButton.implicitHeight)

                StaffText {
                    id: title
                    objectName: "staffPanelTitle"
                    anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                    width: Math.min(implicitWidth, parent.width - closeButton.width - panel.sp)
                    theme: panel.theme
                    size: "title"
                    text: "Staff mode"
                }
                // What is being done right now; here, so that nothing in the body jumps.
                StaffText {
                    objectName: "staffBusy"
                    anchors { left: title.right; leftMargin: panel.sp; right: closeButton.left; rightMargin: panel.sp; verticalCenter: parent.verticalCenter }
                    theme: panel.theme
                    muted: true
                    elide: Text.ElideRight
                    wrapMode: Text.NoWrap
                    visible: panel.jobs.busy && !panel.navigator.importSection.installing
                    text: panel.jobs.busyText
                }
                KioskButton {
                    id: closeButton
                    objectName: "staffClose"
                    anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                    theme: panel.theme
                    guard: panel.navigator.guard
                    primary: true
                    text: "Close staff mode"
                    fontSize: panel.labelSize
                    onActivated: panel.navigator.close()
                }
            }

            Flow {
                objectName: "staffTabs"
                width: parent.width
                spacing: panel.theme.sizes.gap

                Repeater {
                    model: panel.sections
                    delegate: KioskButton {
                        required property var modelData
                        objectName: "staffTab-" + modelData.id
                        theme: panel.theme
                        guard: panel.navigator.guard
                        text: modelData.label
                        fontSize: panel.labelSize
                        checked: panel.navigator.section === modelData.id
                        onActivated: panel.navigator.showSection(modelData.id)
                    }
                }
            }
        }
    }

    Flickable {
        id: body
        objectName: "staffBody"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        contentWidth: width
        contentHeight: bodyColumn.implicitHeight + 2 * panel.margin
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Column {
            id: bodyColumn
            x: (body.width - panel.bodyWidth) / 2
            y: panel.margin
            width: panel.bodyWidth
            spacing: panel.sp

            StaffCard {
                objectName: "staffMessageCard"
                width: parent.width
                theme: panel.theme
                tone: panel.navigator.notice.kind === "problem" ? "problem" : "ok"
                visible: panel.navigator.notice.text !== ""

                StaffText {
                    objectName: "staffMessage"
                    width: parent.width
                    theme: panel.theme
                    text: panel.navigator.notice.text
                    font.bold: true
                }
            }

            Loader {
                objectName: "staffSectionLoader"
                width: parent.width
                sourceComponent: {
                    switch (panel.navigator.section) {
                    case "import": return importSection
                    case "updates": return updatesSection
                    case "settings": return settingsSection
                    case "log": return logSection
                    case "exit": return exitSection
                    case "schedule": return scheduleSection  // hours-usage
                    case "usage": return usageSection  // hours-usage
                    default: return contentSection
                    }
                }
            }
        }
    }

    // A thin bar on the right says that there is more below.
    Rectangle {
        objectName: "staffScrollBar"
        visible: body.contentHeight > body.height
        x: parent.width - width - panel.theme.sizes.scrollBarInset
        y: body.y + body.visibleArea.yPosition * body.height
        width: panel.theme.sizes.scrollBar
        height: body.visibleArea.heightRatio * body.height
        radius: width / 2
        color: panel.theme.colors.buttonBorder
    }

    Component {
        id: contentSection
        StaffContentSection {
            controller: panel.navigator.contentSection
            keys: panel.navigator.keysSection
            settings: panel.navigator.settingsSection
            jobs: panel.jobs
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    Component {
        id: importSection
        StaffImportSection {
            controller: panel.navigator.importSection
            jobs: panel.jobs
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    Component {
        id: updatesSection
        StaffUpdatesSection {
            controller: panel.extraControllers.updates
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    Component {
        id: settingsSection
        StaffSettingsSection {
            controller: panel.navigator.settingsSection
            jobs: panel.jobs
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    Component {
        id: logSection
        StaffLogSection {
            controller: panel.navigator.logSection
            jobs: panel.jobs
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    Component {
        id: exitSection
        StaffExitSection {
            controller: panel.navigator.exitSection
            jobs: panel.jobs
            guard: panel.navigator.guard
            theme: panel.theme
        }
    }
    // >>> hours-usage
    Component {
        id: scheduleSection
        StaffScheduleSection { controller: panel.extraControllers.schedule; guard: panel.navigator.guard; theme: panel.theme }
    }
    Component {
        id: usageSection
        StaffUsageSection { controller: panel.extraControllers.usage; guard: panel.navigator.guard; theme: panel.theme }
    }
    // <<< hours-usage
}
