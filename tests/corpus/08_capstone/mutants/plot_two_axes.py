# mistake: draws each curve on its own Axes, so the two losses cannot be compared on one scale
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    epochs = range(1, len(train_losses) + 1)
    left.plot(epochs, train_losses, label="train")
    right.plot(epochs, val_losses, label="val")
    for ax in (left, right):
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss")
        ax.set_title("loss curves")
        ax.legend()
    return fig
