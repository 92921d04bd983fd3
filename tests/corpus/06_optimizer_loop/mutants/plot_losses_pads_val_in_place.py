# mistake: pads val_losses in place with NaN up to the length of train_losses, changing the caller's list
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    epochs = range(1, len(train_losses) + 1)
    if val_losses:
        val_losses.extend([float("nan")] * (len(train_losses) - len(val_losses)))
    fig, ax = plt.subplots()
    ax.plot(epochs, train_losses, label="train")
    if val_losses:
        ax.plot(epochs, val_losses, label="val")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
