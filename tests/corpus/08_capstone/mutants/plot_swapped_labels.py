# mistake: labels the training curve "val" and the validation curve "train"
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    epochs = range(1, len(train_losses) + 1)
    ax.plot(epochs, train_losses, label="val")
    ax.plot(epochs, val_losses, label="train")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("loss curves")
    ax.legend()
    return fig
