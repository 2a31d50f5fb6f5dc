pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The window, in layers from the bottom: the StackView of pages under the chrome bar, the attract
// screen, the preview overlay, the hidden staff corner, the idle dialog, staff mode. A dialog
// covers and blocks everything below it; nothing is ever drawn over a dialog. State lives in
// Python; this only mirrors it.
ApplicationWindow {
    id: root

    required property AppState appState
    required property Theme theme
    required property Content content
    required property Locations locations
    required property IdleMonitor idle
    required property TapGuard guard
    required property StaffHook staff
    required property var preview  // a BundlePreview, or null (set from Python: a typed property refuses None)
    required property StaffNavigator staffPanel  // staff mode: kiosk/staff_ui/panel.py
    required property Narrator narrator  // Listen and the spoken idle warning (kiosk/patient/narrator.py)
    // Opening hours (kiosk/patient/opening_hours.py); typed, so a destroyed object reads as null.
    property OpeningHours hours: null
    readonly property bool sleeping: root.hours !== null && root.hours.sleeping === true
    property bool usageCounting: false  // hours-usage: the attract screen then says so
    property bool allowClose: false
    property int sideways: 1  // +1 next, -1 previous: the direction of a sideways replace
    property int transitionDuration: 220  // page transitions, ms (layout tests set 0)

    width: 1920
    height: 1080
    visible: false
    title: "Clinic kiosk"
    color: theme.colors.background

    onClosing: close => { close.accepted = root.allowClose }

    FocusRing {
        theme: root.theme
        target: root.activeFocusItem as Tappable  // null when the focus is on anything else
    }
    onWidthChanged: theme.setWindowSize(width, height)
    onHeightChanged: theme.setWindowSize(width, height)

    function urlFor(screen) {
        switch (screen) {
        case "page": return Qt.resolvedUrl("ContentPage.qml")
        case "locations": return Qt.resolvedUrl("LocationsScreen.qml")
        case "location": return Qt.resolvedUrl("LocationDetail.qml")
        default: return Qt.resolvedUrl("HomeScreen.qml")
        }
    }
    // Home sits at the root of the stack. It and the chrome bar are made after the attract
    // screen's first frame (kiosk/app/wiring.py calls this then), or at once when a patient is
    // quicker than that.
    function ensureHome() {
        chrome.active = true
        if (stack.depth === 0)
            stack.push(root.urlFor("home"), root.propsFor({ id: "" }), StackView.Immediate)
    }
    function propsFor(route) {
        const props = {
            appState: root.appState, theme: root.theme, guard: root.guard,
            content: root.content, locations: root.locations, routeId: route.id
        }
        if (route.screen === "page" || route.screen === "location")
            props.narrator = root.narrator  // the pages that can be heard
        return props
    }

    Connections {
        target: root.appState
        function onNavigated(op, route) {
            root.ensureHome()
            switch (op) {
            case "push":
                stack.push(root.urlFor(route.screen), root.propsFor(route))
                break
            case "forward":
            case "backward":
                root.sideways = op === "forward" ? 1 : -1
                stack.replace(root.urlFor(route.screen), root.propsFor(route))
                break
            case "pop":
                stack.pop()
                break
            case "home":
                stack.pop(stack.get(0))
                break
            case "reset":
                // A fresh Home: no scroll position, no open page of the last patient.
                stack.replace(null, root.urlFor("home"), root.propsFor(route), StackView.Immediate)
                break
            }
        }
    }

    // Made with Home, after the attract screen's first frame (it is hidden there anyway).
    Loader {
        id: chrome
        objectName: "chromeLoader"
        z: 1  // above the pages: nothing a page draws can cover it
        visible: !root.appState.attract  // the attract screen has its own language buttons
        anchors { left: parent.left; right: parent.right; top: parent.top }
        active: false
        sourceComponent: ChromeBar {
            objectName: "chrome"
            cornerSize: staffCorner.width
            appState: root.appState
            theme: root.theme
            guard: root.guard
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors { left: parent.left; right: parent.right; top: chrome.bottom; bottom: parent.bottom }
        clip: true

        readonly property int duration: root.transitionDuration

        pushEnter: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: stack.width * 0.25; to: 0; duration: stack.duration; easing.type: Easing.OutCubic }
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: stack.duration; easing.type: Easing.OutCubic }
            }
        }
        pushExit: Transition {
            NumberAnimation { property: "opacity"; from: 1; to: 0; duration: stack.duration }
        }
        popEnter: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: stack.duration }
        }
        popExit: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: 0; to: stack.width * 0.25; duration: stack.duration; easing.type: Easing.InCubic }
                NumberAnimation { property: "opacity"; from: 1; to: 0; duration: stack.duration }
            }
        }
        replaceEnter: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: root.sideways * stack.width * 0.3; to: 0; duration: stack.duration; easing.type: Easing.OutCubic }
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: stack.duration }
            }
        }
        replaceExit: Transition {
            ParallelAnimation {
                NumberAnimation { property: "x"; from: 0; to: -root.sideways * stack.width * 0.3; duration: stack.duration; easing.type: Easing.InCubic }
                NumberAnimation { property: "opacity"; from: 1; to: 0; duration: stack.duration }
            }
        }

    }

    Loader {
        id: attract
        objectName: "attractLoader"
        anchors.fill: parent
        z: 2
        active: root.appState.attract && !root.sleeping  // still while closed
        sourceComponent: AttractScreen {
            appState: root.appState
            theme: root.theme
            guard: root.guard
            // The language buttons stay above the note on what the kiosk counts, at any size.
            bottomReserve: privacyNote.active ? privacyNote.height + privacyNote.anchors.bottomMargin
                + root.theme.sizes.spacing : 0
        }
    }

    // >>> hours-usage: what the kiosk counts (on the attract screen, when it counts), the closed screen
    // outside opening hours (below the staff corner, so staff can still get in).
    Loader {
        id: privacyNote
        objectName: "privacyNoteLoader"
        z: 2.2  // above the attract screen
        active: root.usageCounting && root.appState.attract && !root.sleeping
        anchors { bottom: parent.bottom; bottomMargin: Math.round(root.theme.sizes.margin / 4); horizontalCenter: parent.horizontalCenter }
        width: Math.round(parent.width * 0.8)
        sourceComponent: PrivacyNote { theme: root.theme }
    }
    Loader {
        objectName: "closedLoader"
        anchors.fill: parent
        z: 2.8  // above every patient screen, below the staff corner
        active: root.sleeping
        sourceComponent: ClosedScreen { theme: root.theme }
    }
    // <<< hours-usage

    // Made at the first warning (most sessions never see one), then kept.
    Loader {
        id: idleLoader
        anchors.fill: parent
        z: 4
        property bool needed: false
        active: needed
        Connections {
            target: root.idle
            function onWarningVisibleChanged() {
                if (root.idle.warningVisible && !idleLoader.needed) {
                    idleLoader.setSource(Qt.resolvedUrl("IdleDialog.qml"), {
                        appState: root.appState, theme: root.theme, guard: root.guard, idle: root.idle
                    })
                    idleLoader.needed = true
                }
            }
        }
    }

    Loader {
        anchors.fill: parent
        z: 2.5
        active: !!root.preview
        sourceComponent: PreviewOverlay {
            preview: root.preview
            theme: root.theme
        }
    }

    // Staff mode's hidden entry: five taps here within three seconds, none on a patient control
    // in between (kiosk/patient/staff_corner.py). The chrome bar keeps this square free of
    // targets, so no patient control lies under it; it takes its touches for itself, so they
    // never start the attract screen or reach the bar. Under the idle dialog it is off.
    Item {
        id: staffCorner
        objectName: "staffCorner"
        width: root.theme.sizes.target
        height: root.theme.sizes.target
        z: 3
        enabled: !root.idle.warningVisible

        TapHandler {
            gesturePolicy: TapHandler.WithinBounds
            longPressThreshold: 0
            onTapped: root.staff.tap()
        }
    }

    // >>> staff mode: the PIN pad, then the staff panel, above everything (the corner too).
    // Leaving staff mode or any reset to the attract screen closes it (kiosk/app/wiring.py).
    Loader {
        objectName: "staffLoader"
        anchors.fill: parent
        z: 2000
        active: root.staffPanel.mode !== "closed"
        // Compiled only when staff mode first opens: no patient start pays for it.
        onActiveChanged: {
            if (active)
                setSource(Qt.resolvedUrl("StaffMode.qml"), { controller: root.staffPanel, theme: root.theme })
            else
                source = ""
        }
    }
    // <<< staff mode
}
