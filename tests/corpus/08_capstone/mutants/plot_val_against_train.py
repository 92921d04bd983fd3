# mistake: plots the validation losses against the training losses instead of the epochs
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    epochs = range(1, len(train_losses) + 1)
    ax.plot(epochs, train_losses, label="train")
    ax.plot(train_losses, val_losses, label="val")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("loss curves")
    ax.legend()
    return fig
