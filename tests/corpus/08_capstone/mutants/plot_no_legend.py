# mistake: labels the lines but never calls ax.legend(), so the plot does not say which curve is which
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    epochs = range(1, len(train_losses) + 1)
    ax.plot(epochs, train_losses, label="train")
    ax.plot(epochs, val_losses, label="val")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("loss curves")
    return fig
