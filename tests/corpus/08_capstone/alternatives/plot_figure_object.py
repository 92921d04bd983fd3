# why: a Figure made without pyplot (Figure() and add_subplot), a list of epochs, ax.set for the labels, markers
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    epochs = [i + 1 for i in range(len(train_losses))]
    ax.plot(epochs, val_losses, "s--", label="val")
    ax.plot(epochs, train_losses, "o-", label="train")
    ax.set(xlabel="epoch", ylabel="loss", title="train and validation loss")
    ax.legend(loc="upper right")
    return fig
